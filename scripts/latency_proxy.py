#!/usr/bin/env python3
"""A latency-injecting HTTP proxy for scripts/bench-setup (Python stdlib only): every request is held for a
fixed delay, then forwarded to the upstream (moto's server) and its answer sent back, as if each call crossed
a network with that round trip. One thread per connection (ThreadingHTTPServer), so requests that arrive
together are delayed together, as on a real network; a client that waits for each answer before the next
request pays the delay once per call.

  latency_proxy.py UPSTREAM_URL [--port N] [--delay-ms 50] [--port-file FILE]

Counts the requests it forwards and the most that were in flight at once. Side paths, never forwarded:
  GET  /_proxy/stats   {"requests": N, "max_in_flight": M, "delay_ms": D} as JSON
  POST /_proxy/reset   zero both counters (between benchmark runs)
The same counters are printed to stderr when the proxy stops (SIGTERM or Ctrl-C). With --port 0 (the
default) the port is chosen by the system and written to --port-file (and printed to stderr).
"""
import argparse
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop headers: about one connection, never forwarded (RFC 9110, 7.6.1).
HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
       "proxy-authorization", "proxy-authenticate"}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0

    def enter(self):
        with self.lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self):
        with self.lock:
            self.in_flight -= 1

    def reset(self):
        with self.lock:
            self.requests = 0
            self.max_in_flight = self.in_flight

    def snapshot(self, delay_ms):
        with self.lock:
            return {"requests": self.requests, "max_in_flight": self.max_in_flight, "delay_ms": delay_ms}


def make_handler(upstream, delay_s, stats):
    local = threading.local()  # one upstream connection per proxy thread, kept alive

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive towards the client, as the SDKs expect
        # Without TCP_NODELAY a small answer waits on the client's delayed ACK (about 40 ms on Linux).
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def body(self):
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                data = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def reply(self, status, headers, data):
            self.send_response(status)
            for k, v in headers:
                if k.lower() not in HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            # Headers and body in one write (end_headers would flush the headers on their own).
            self._headers_buffer.append(b"\r\n")
            self.wfile.write(b"".join(self._headers_buffer) + data)
            self._headers_buffer = []

        def side(self):
            if self.path == "/_proxy/reset" and self.command == "POST":
                stats.reset()
            data = json.dumps(stats.snapshot(round(delay_s * 1000))).encode()
            self.reply(200, [("Content-Type", "application/json")], data)

        def forward(self, data):
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            if data or self.command in ("POST", "PUT", "PATCH"):
                headers["Content-Length"] = str(len(data))
            for attempt in (1, 2):
                conn = getattr(local, "conn", None)
                if conn is None:
                    conn = local.conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
                try:
                    conn.request(self.command, self.path, body=data, headers=headers)
                    r = conn.getresponse()
                    return r.status, r.getheaders(), r.read()
                except (http.client.HTTPException, OSError):
                    # A kept-alive upstream connection that the server closed: open a new one, once.
                    conn.close()
                    local.conn = None
                    if attempt == 2:
                        raise

        def handle_any(self):
            if self.path.startswith("/_proxy/"):
                self.body()
                return self.side()
            data = self.body()
            stats.enter()
            try:
                time.sleep(delay_s)
                try:
                    status, headers, out = self.forward(data)
                except Exception as e:  # the upstream is down: say so, as a gateway would
                    status, headers, out = 502, [("Content-Type", "text/plain")], f"proxy: {e}\n".encode()
                self.reply(status, headers, out)
            finally:
                stats.leave()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # listen() backlog: a client may open many connections at once


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("upstream", help="the server to forward to, e.g. http://127.0.0.1:5000")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--delay-ms", type=float, default=50)
    ap.add_argument("--port-file")
    a = ap.parse_args()
    upstream = urllib.parse.urlsplit(a.upstream)
    stats = Stats()
    server = Server(("127.0.0.1", a.port), make_handler(upstream, a.delay_ms / 1000, stats))
    port = server.server_address[1]
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as f:
            f.write(f"{port}\n")
        os.replace(a.port_file + ".tmp", a.port_file)
    print(f"latency_proxy: 127.0.0.1:{port} -> {a.upstream}, {a.delay_ms:g} ms per request", file=sys.stderr)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    print("latency_proxy: " + json.dumps(stats.snapshot(a.delay_ms)), file=sys.stderr)


if __name__ == "__main__":
    main()
