"""bot/action_calls.py over real HTTP: Rasa's calls to the action server keep their
connection between calls, and move to another action server only when one refuses the
connection (it is down), never after a server took the call."""
from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import aiohttp
import pytest
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.action_calls import WatchedEndpoint, watch_message
from ops.stack import free_port


class ActionServer:
    """Answers every POST with `status`; notes each call's client port (its connection)."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.connections: list[int] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Sanic

            def log_message(self, *_args):
                pass

            def do_POST(self):  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers["Content-Length"]))
                server.connections.append(self.client_address[1])
                data = json.dumps({"events": [], "responses": []}).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/webhook"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def servers():
    made: list[ActionServer] = []

    def make(status: int = 200) -> ActionServer:
        made.append(ActionServer(status))
        return made[-1]

    yield make
    for server in made:
        server.close()


def _calls(endpoint: EndpointConfig, count: int) -> list:
    async def run():
        watched = WatchedEndpoint.around(endpoint)
        answers = []
        for _ in range(count):
            watch_message()
            answers.append(await watched.request(json={"next_action": "action_x"},
                                                 method="post"))
        await watched.kept.current().close()
        return answers
    return asyncio.run(run())


def test_calls_share_one_kept_connection(servers):
    server = servers()
    assert _calls(EndpointConfig(url=server.url), 4) == [{"events": [], "responses": []}] * 4
    assert len(server.connections) == 4
    assert len(set(server.connections)) == 1  # Rasa's own code: four connections


def test_a_refused_connection_goes_to_the_next_action_server(servers):
    down = f"http://127.0.0.1:{free_port()}/webhook"
    up = servers()
    answers = _calls(EndpointConfig(url=down, failover_urls=[down, up.url]), 2)
    assert answers == [{"events": [], "responses": []}] * 2
    assert len(up.connections) == 2


def test_every_action_server_down_is_a_connection_error():
    down = [f"http://127.0.0.1:{free_port()}/webhook" for _ in range(2)]
    with pytest.raises(aiohttp.ClientConnectorError):
        _calls(EndpointConfig(url=down[0], failover_urls=down[1:]), 1)


def test_a_call_the_server_took_is_not_repeated_elsewhere(servers):
    failing, spare = servers(500), servers()
    with pytest.raises(ClientResponseError):
        _calls(EndpointConfig(url=failing.url, failover_urls=[spare.url]), 1)
    assert len(failing.connections) == 1 and spare.connections == []
