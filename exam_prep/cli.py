"""Command-line tools: flask bank ..., flask users ..., flask exams ..."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .bank import BankError, load_bank
from .bank.loader import Bank

bank_cli = AppGroup("bank", help="문제은행(YAML) 검사와 불러오기")
users_cli = AppGroup("users", help="사용자 관리")
exams_cli = AppGroup("exams", help="응시 관리")


def _folder(folder: str | None) -> str:
    return folder or current_app.config["EXAM_PREP_QUESTION_BANK"]


def _print_problems(exc: BankError) -> None:
    for problem in exc.problems:
        click.echo(str(problem))
    click.echo(f"문제 {len(exc.problems)}개를 찾았습니다. 아무것도 바뀌지 않았습니다.", err=True)


def print_counts(bank: Bank) -> None:
    counts = bank.counts()
    click.echo(f"문항 {len(bank.questions)}개, 시험 {len(bank.exams)}개 ({bank.folder})")
    for level in sorted(counts["level"], reverse=True):
        click.echo(f"\n{level}급: {counts['level'][level]}문항")
        click.echo("  영역별:")
        for (lvl, domain), n in sorted(counts["domain"].items()):
            if lvl == level:
                click.echo(f"    {domain:<22} {bank.domains.get(domain, ''):<20} {n:>4}")
        click.echo("  유형별:")
        for (lvl, type_name), n in sorted(counts["type"].items()):
            if lvl == level:
                click.echo(f"    {type_name:<22} {n:>4}")


@bank_cli.command("check")
@click.argument("folder", required=False)
@click.option("--lint", is_flag=True,
              help="검토자가 보는 점도 경고합니다 (비슷한 문항, 긴 정답, 몰린 정답 위치, 같은 보기, 짧은 해설)")
def bank_check(folder: str | None, lint: bool) -> None:
    """Validate a bank folder without touching the database."""
    try:
        bank = load_bank(_folder(folder))
    except BankError as exc:
        _print_problems(exc)
        sys.exit(1)
    print_counts(bank)
    if lint:
        from .bank.lint import lint as lint_bank

        warnings = lint_bank(bank)
        if warnings:
            click.echo("")
            for warning in warnings:
                click.echo(str(warning))
            click.echo(f"\n경고 {len(warnings)}개 (불러오기는 막지 않습니다).")
            return
        click.echo("\n경고 없음.")
    click.echo("\n문제없음.")


@bank_cli.command("stats")
@click.argument("folder", required=False)
def bank_stats(folder: str | None) -> None:
    """Counts per level, domain, type and difficulty, to see where the bank is thin."""
    try:
        bank = load_bank(_folder(folder))
    except BankError as exc:
        _print_problems(exc)
        sys.exit(1)
    from .bank.stats import stats_table

    for line in stats_table(bank):
        click.echo(line)


@bank_cli.command("load")
@click.argument("folder", required=False)
def bank_load(folder: str | None) -> None:
    """Validate a bank folder and load it into the database (all or nothing)."""
    from .bank.sync import load_folder
    from .setup import ensure_schema

    ensure_schema(current_app)
    try:
        report = load_folder(_folder(folder))
    except BankError as exc:
        _print_problems(exc)
        sys.exit(1)
    click.echo(f"불러왔습니다: {report}")


@bank_cli.command("import-media")
@click.argument("folder", required=False)
def bank_import_media(folder: str | None) -> None:
    """Copy the images of a media folder (default: EXAM_PREP_MEDIA_DIR) into the database, once
    after upgrading a site whose images were kept only in that folder."""
    from .media import import_folder, media_dir
    from .setup import ensure_schema

    ensure_schema(current_app)
    added, refused = import_folder(Path(folder) if folder else media_dir())
    for name in refused:
        click.echo(f"{name}: 이름과 내용이 다른 파일이라 넣지 않았습니다", err=True)
    click.echo(f"이미지 {added}개를 데이터베이스에 넣었습니다.")


@users_cli.command("create-instructor")
@click.argument("name")
@click.password_option("--password", prompt="비밀번호", confirmation_prompt="비밀번호 확인",
                       help="비밀번호 (없으면 물어봅니다)")
def create_instructor(name: str, password: str) -> None:
    """Create an instructor account NAME, or promote an existing account."""
    from .accounts import InvalidUsername, create_or_promote_instructor
    from .setup import ensure_schema

    ensure_schema(current_app)
    if len(password) < 8:
        raise click.BadParameter("비밀번호는 8자 이상이어야 합니다", param_hint="password")
    try:
        user, created = create_or_promote_instructor(name, password)
    except InvalidUsername as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from None
    # No particle after the name: 을/를 depends on its last sound, which a name can't promise.
    if created:
        click.echo(f"강사 계정을 만들었습니다: {user.username}")
    else:
        click.echo(f"기존 계정을 강사로 바꾸고 비밀번호를 새로 정했습니다: {user.username}")


@exams_cli.command("finish-overdue")
def finish_overdue_command() -> None:
    """Finish and score every attempt whose deadline (plus grace) has passed."""
    from .exams.lifecycle import finish_overdue
    from .setup import ensure_schema

    ensure_schema(current_app)
    count = finish_overdue()
    click.echo(f"시간이 지난 응시 {count}건을 채점했습니다.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(bank_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(exams_cli)
