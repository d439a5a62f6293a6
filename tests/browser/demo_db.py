"""Read what the test server stored (TOTP keys, queued emails) straight from its SQLite file."""

import re
import sqlite3
from email import message_from_string

from django_otp.oath import totp


def connect(server):
    return sqlite3.connect(server.database)


def totp_code(server, username):
    with connect(server) as db:
        key, step, t0, digits, drift = db.execute(
            "SELECT d.key, d.step, d.t0, d.digits, d.drift FROM otp_totp_totpdevice d "
            "JOIN auth_user u ON u.id = d.user_id WHERE u.username = ? AND d.confirmed ORDER BY d.id DESC",
            (username,),
        ).fetchone()
    return str(totp(bytes.fromhex(key), step=step, t0=t0, digits=digits, drift=drift)).zfill(digits)


def unconfirmed_totp_code(server, email):
    with connect(server) as db:
        key, step, t0, digits = db.execute(
            "SELECT d.key, d.step, d.t0, d.digits FROM otp_totp_totpdevice d "
            "JOIN auth_user u ON u.id = d.user_id WHERE u.email = ? AND NOT d.confirmed",
            (email,),
        ).fetchone()
    return str(totp(bytes.fromhex(key), step=step, t0=t0, digits=digits)).zfill(digits)


def link_in_last_email_to(server, address):
    """Sent emails are not kept in the database; the test server writes them to files."""
    files = sorted(server.mail.glob("*.log"), key=lambda p: p.stat().st_mtime)
    for file in reversed(files):
        for raw in reversed(file.read_text().split("-" * 79)):
            message = message_from_string(raw.strip())
            if message["To"] == address:
                charset = message.get_content_charset() or "utf-8"
                body = message.get_payload(decode=True).decode(charset)
                return re.search(r"https?://\S+/members/invitation/\S+/", body).group(0)
    raise AssertionError(f"no email to {address}")


def forget_last_code(server, username):
    """Codes are single-use; a test that logs the same account in twice in one period resets it."""
    with connect(server) as db:
        db.execute(
            "UPDATE otp_totp_totpdevice SET last_t = -1 WHERE user_id = (SELECT id FROM auth_user WHERE username = ?)",
            (username,),
        )
