"""Instructors writing the bank from the site: questions saved into the YAML files (service,
yaml_store), their history, and the bank moved in and out as a zip (bank_zip)."""
