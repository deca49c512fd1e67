"""/healthz for load balancers (exam_prep.health.routes)."""
