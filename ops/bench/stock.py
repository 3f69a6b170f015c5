"""The reference: the assistant `rasa init` makes, with the same Rasa as ours.

A ratio against it, measured in the same run on the same machine, still means
something when other work shares the two cores; one absolute time does not
(docs/adr/0011-benchmarks.md). It is made and trained once in var/bench/stock/
(TensorFlow training takes a minute or more on two cores) and reused after that.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import yaml

from ops.stack import BIN, ROOT, Process, Stack

STOCK_DIR = ROOT / "var" / "bench" / "stock"
_TRAINED_NOTE = ".bench-trained.json"


def stock_model(project: Path = STOCK_DIR) -> Path | None:
    """The newest trained model of the stock project, if there is one."""
    models = sorted((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def ensure_stock_project(project: Path = STOCK_DIR, log: Path | None = None) -> dict:
    """Make and train the stock assistant unless it is there already.

    Returns {"trained_now": bool, "training_s": seconds or None, "model": path}. The
    training time of an earlier run is kept beside the project so a report can say it.
    """
    note = project / _TRAINED_NOTE
    model = stock_model(project)
    if model is not None:
        earlier = json.loads(note.read_text()) if note.exists() else {}
        return {"trained_now": False, "training_s": earlier.get("training_s"), "model": str(model)}
    project.mkdir(parents=True, exist_ok=True)
    log = log or project.parent / "stock-init.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        # `rasa init` copies its template project and trains it in one step.
        subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
                       cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=True,
                       env={**os.environ, "RASA_TELEMETRY_ENABLED": "false",
                            "TF_CPP_MIN_LOG_LEVEL": "2"})
    seconds = time.monotonic() - started
    model = stock_model(project)
    if model is None:
        raise RuntimeError(f"`rasa init` trained no model; see {log}")
    note.write_text(json.dumps({"training_s": seconds}))
    return {"trained_now": True, "training_s": seconds, "model": str(model)}


def needs_action_server(project: Path = STOCK_DIR) -> bool:
    """`rasa init` ships its custom actions commented out; serve them only if enabled."""
    endpoints = yaml.safe_load((project / "endpoints.yml").read_text()) or {}
    return bool(endpoints.get("action_endpoint"))


class StockStack(Stack):
    """The stock assistant served as its documentation says (`rasa run --enable-api`),
    started, watched and stopped by the same code as ours."""

    project: Path = STOCK_DIR

    def _environment(self) -> dict[str, str]:
        # Its own `actions` package, not ours, if its action server is ever enabled.
        return {**super()._environment(), "PYTHONPATH": str(self.project)}

    def _plan(self) -> list[Process]:
        p = self.ports
        self.log_dir.mkdir(parents=True, exist_ok=True)
        rasa = str(BIN / "rasa")
        plan = []
        endpoints = self.project / "endpoints.yml"
        if needs_action_server(self.project):
            data = yaml.safe_load(endpoints.read_text())
            data["action_endpoint"]["url"] = f"http://127.0.0.1:{p.action}/webhook"
            endpoints = self.log_dir / "stock-endpoints.yml"
            endpoints.write_text(yaml.safe_dump(data))
            plan.append(Process(
                "stock action server",
                [rasa, "run", "actions", "--actions", "actions", "--port", str(p.action)],
                f"http://127.0.0.1:{p.action}/health", self.log_dir / "stock-actions.log"))
        plan.append(Process(
            "stock Rasa server",
            [rasa, "run", "--enable-api", "--model", str(self.model), "--port", str(p.rasa),
             "--endpoints", str(endpoints), "--credentials", str(self.project / "credentials.yml"),
             "--interface", "127.0.0.1"],
            f"http://127.0.0.1:{p.rasa}/webhooks/rest/", self.log_dir / "stock-rasa.log"))
        return plan
