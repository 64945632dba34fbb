#!/usr/bin/env python3
"""The code an authenticator app shows now for the demo's staff (admin and officers), or for the
base32 key given: `python3 scripts/demo_code.py [KEY]`. RFC 6238: HMAC-SHA1, six digits, 30 s."""
import base64
import hashlib
import hmac
import struct
import sys
import time

DEMO_KEY = "CHORUSDEMOSTAFFAUTHENTICATORKEY2"


def code(key: str, step: int) -> str:
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    mac = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    at = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[at:at + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def now_step() -> int:
    return int(time.time()) // 30


if __name__ == "__main__":
    print(code(sys.argv[1] if len(sys.argv) > 1 else DEMO_KEY, now_step()))
