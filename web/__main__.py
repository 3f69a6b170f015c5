"""`python -m web [--host H] [--port P]`: serve the chat page."""
import argparse
import os

from web.server import create_app

parser = argparse.ArgumentParser(prog="python -m web")
parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8000")))
args = parser.parse_args()
create_app().run(host=args.host, port=args.port, access_log=False, motd=False)
