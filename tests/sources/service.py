"""A local stand-in for Kolada and SCB: an HTTP server on 127.0.0.1 that answers with recorded
responses, and remembers what it was asked."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def recorded_json(name: str):
    return json.loads(recorded(name))


@dataclass
class Answer:
    body: bytes
    status: int = 200
    headers: dict = field(
        default_factory=lambda: {"Content-Type": "application/json; charset=utf-8"}
    )


@dataclass
class Asked:
    method: str
    path: str
    body: object


class RecordedService:
    """Routes are (method, path with query) or (method, path); each holds answers given in turn, the
    last one repeated."""

    def __init__(self):
        self.routes: dict[tuple[str, str], list[Answer]] = {}
        self.asked: list[Asked] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, method: str, path: str, *answers: Answer | bytes | dict | list) -> None:
        self.routes[(method, path)] = [self._as_answer(a) for a in answers]

    def asked_paths(self, method: str | None = None) -> list[str]:
        return [a.path for a in self.asked if method is None or a.method == method]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @staticmethod
    def _as_answer(answer) -> Answer:
        if isinstance(answer, Answer):
            return answer
        if isinstance(answer, bytes):
            return Answer(answer)
        return Answer(json.dumps(answer, ensure_ascii=False).encode())

    def _respond(self, method: str, path: str) -> Answer:
        answers = self.routes.get((method, path)) or self.routes.get(
            (method, path.split("?", 1)[0])
        )
        if not answers:
            problem = {
                "title": "Not Found",
                "status": 404,
                "detail": f"ingen inspelning för {method} {path}",
            }
            return Answer(
                json.dumps(problem).encode(), 404, {"Content-Type": "application/problem+json"}
            )
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def _handler(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                service.asked.append(Asked(method, self.path, json.loads(raw) if raw else None))
                answer = service._respond(method, self.path)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def log_message(self, *args):
                """Quiet: the tests read `asked` instead."""

        return Handler
