"""`python -m web [--host H] [--port P]`: serve the chat page, with the settings read once
from the environment (core/settings.py) and installed as the process's own."""
import argparse

from core.settings import Settings, install
from web.server import create_app

settings = install(Settings.from_environment())
parser = argparse.ArgumentParser(prog="python -m web")
parser.add_argument("--host", default=settings.web_host)
parser.add_argument("--port", type=int, default=settings.web_port)
args = parser.parse_args()
create_app(settings).run(host=args.host, port=args.port, access_log=False, motd=False)
