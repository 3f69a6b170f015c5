"""The Kubernetes manifests render and hang together (issue 17, item 7).

`kubectl kustomize deploy/k8s` is what a council runs; these tests render it the same way
and check what a broken manifest would only show at 3 a.m.: every process has probes on a
path the code really serves, requests and limits, settings from a ConfigMap and a Secret
that exist, and as many Rasa addresses on the web tier's ring as Rasa replicas.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "deploy" / "k8s"
PROBE_PATHS = {"web": "/healthz", "actions": "/health", "rasa": "/"}  # liveness, readiness
# The action server is ready only once its models are loaded (actions/readiness.py); its
# liveness stays the cheap /health, so a pod loading its models is not restarted.
READY_PATHS = {**PROBE_PATHS, "actions": "/ready"}


def rendered() -> list[dict]:
    """What `kubectl kustomize deploy/k8s` prints, as documents."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed here: the manifests were not rendered")
    out = subprocess.run([kubectl, "kustomize", str(BASE)], capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return [doc for doc in yaml.safe_load_all(out.stdout) if doc]


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return rendered()


def of_kind(documents: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in documents if d["kind"] == kind}


def workloads(documents: list[dict]) -> dict[str, dict]:
    return {**of_kind(documents, "Deployment"), **of_kind(documents, "StatefulSet")}


def test_every_resource_is_in_one_namespace(documents):
    kinds = sorted(d["kind"] for d in documents)
    assert kinds == sorted(["Namespace", "ConfigMap", "ConfigMap", "Secret", "Job", "Deployment",
                            "Deployment", "StatefulSet", "Service", "Service", "Service",
                            "HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "Ingress"])
    for doc in documents:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "home-navigator", doc["metadata"]["name"]


def test_each_process_has_probes_on_the_path_it_serves(documents):
    assert set(workloads(documents)) == set(PROBE_PATHS)
    for name, workload in workloads(documents).items():
        (container,) = workload["spec"]["template"]["spec"]["containers"]
        for probe, paths in (("readinessProbe", READY_PATHS), ("livenessProbe", PROBE_PATHS)):
            assert container[probe]["httpGet"]["path"] == paths[name], (name, probe)
    served = (ROOT / "web" / "server.py").read_text() + (ROOT / "actions" / "server.py").read_text()
    assert '"/healthz"' in served and '"/health"' in served and '"/ready"' in served


def test_each_process_has_requests_and_a_memory_limit(documents):
    for name, workload in workloads(documents).items():
        (container,) = workload["spec"]["template"]["spec"]["containers"]
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), name
        assert "memory" in resources["limits"], name


def test_commands_start_modules_that_exist(documents):
    jobs = list(of_kind(documents, "Job").values())
    for workload in [*workloads(documents).values(), *jobs]:
        (container,) = workload["spec"]["template"]["spec"]["containers"]
        command = container["command"]
        if command[:2] == ["python", "-m"]:
            assert importlib.util.find_spec(command[2]) is not None, command
        if command[0] == "rasa":
            assert (ROOT / command[command.index("--credentials") + 1]).exists()
        if command[0] == "sh":
            assert "python -m knowledge load" in command[2]
            target = command[2].split("make --no-print-directory ")[1].split()[0]
            assert f"\n{target}:" in (ROOT / "Makefile").read_text(), target


def test_settings_come_from_a_configmap_and_a_secret_that_exist(documents):
    configmaps, secrets = of_kind(documents, "ConfigMap"), of_kind(documents, "Secret")
    jobs = list(of_kind(documents, "Job").values())
    for workload in [*workloads(documents).values(), *jobs]:
        (container,) = workload["spec"]["template"]["spec"]["containers"]
        for source in container["envFrom"]:
            if "configMapRef" in source:
                assert source["configMapRef"]["name"] in configmaps
            else:
                assert source["secretRef"]["name"] in secrets
    secret = secrets["navigator-secrets"]["stringData"]
    assert set(secret) == {"DATABASE_URL", "REDIS_URL", "ACTION_SERVER_TOKEN", "WEB_SECRET_KEY"}
    assert "REPLACE_ME" in secret["ACTION_SERVER_TOKEN"], "real secrets never live in the repo"


def test_the_web_ring_names_every_rasa_replica(documents):
    rasa = of_kind(documents, "StatefulSet")["rasa"]
    ring = of_kind(documents, "ConfigMap")["navigator-settings"]["data"]["RASA_URLS"].split(",")
    replicas = rasa["spec"]["replicas"]
    assert ring == [f"http://rasa-{i}.rasa:5005" for i in range(replicas)]
    headless = of_kind(documents, "Service")["rasa"]
    assert headless["spec"]["clusterIP"] == "None"


def test_rasa_reaches_the_action_server_by_its_service(documents):
    endpoints = yaml.safe_load(of_kind(documents, "ConfigMap")["rasa-endpoints"]["data"]["endpoints.yml"])
    assert endpoints["action_endpoint"]["url"] == "http://actions:5055/webhook"
    assert "actions" in of_kind(documents, "Service")
    local = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["tracker_store"] == local["tracker_store"]
    assert endpoints["lock_store"] == local["lock_store"]


def test_autoscalers_target_stateless_deployments_only(documents):
    targets = {h["spec"]["scaleTargetRef"]["name"]: h["spec"]["scaleTargetRef"]["kind"]
               for h in of_kind(documents, "HorizontalPodAutoscaler").values()}
    assert targets == {"web": "Deployment", "actions": "Deployment"}


def test_only_the_web_tier_is_public_and_sticky(documents):
    (ingress,) = of_kind(documents, "Ingress").values()
    backends = {p["backend"]["service"]["name"]
                for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]}
    assert backends == {"web"}
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
