#!/usr/bin/python3
"""A real SMTP server for the mail tests: aiosmtpd (Debian python3-aiosmtpd) on 127.0.0.1.

It offers AUTH PLAIN/LOGIN with or without TLS (auth_require_tls=False, so a client that sends its
password in clear can be caught doing it) and STARTTLS only when given a certificate. It prints one JSON
line per event on stdout: ready, auth (mechanism, and whether the session was under TLS; never the
password), message. aiosmtpd's options: aiosmtpd/docs/smtp.rst (tls_context, require_starttls,
auth_require_tls, authenticator).
"""
import argparse
import json
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class Handler:
    async def handle_DATA(self, server, session, envelope):
        emit({"event": "message", "from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None})
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    emit({"event": "auth", "mechanism": mechanism, "tls": session.ssl is not None})
    return AuthResult(success=True)


parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--tls-cert")
parser.add_argument("--tls-key")
args = parser.parse_args()

context = None
if args.tls_cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.tls_cert, args.tls_key)

controller = Controller(
    Handler(),
    hostname="127.0.0.1",
    port=args.port,
    tls_context=context,
    require_starttls=False,
    auth_require_tls=False,
    authenticator=authenticator,
)
controller.start()
emit({"event": "ready", "starttls": context is not None})
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
stop.wait()
controller.stop()
