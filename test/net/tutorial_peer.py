#!/usr/bin/env python3
"""A peer for ecdh-lab's 'tutorial' protocol, written the way the tutorial writes it (pyca/cryptography).

docs/PROTOCOL.md §1: both sides send their SubjectPublicKeyInfo PEM at once, read the peer's PEM
up to and including the END line, derive key = HKDF-SHA256(Z, salt=None, info=None, length=32),
then exchange records u32be(L) || nonce(12) || AES-256-GCM ciphertext || tag(16), AAD empty.

  tutorial_peer.py client PORT MESSAGE...   send each message, expect each echoed back; print "ok N"
  tutorial_peer.py server                   print "listening PORT", accept one connection, echo every
                                            message until the peer closes; print "echoed N"
Exit status 0 on success, 1 on any failure (the reason on stderr).
"""
import os
import socket
import struct
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

HOST = "127.0.0.1"
END = b"-----END PUBLIC KEY-----\n"


def derive_key(shared_secret):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=None).derive(shared_secret)


def recv_exact(conn, n, buffer):
    while len(buffer) < n:
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError("connection closed")
        buffer += chunk
    return buffer[:n], buffer[n:]


def handshake(conn):
    private_key = ec.generate_private_key(ec.SECP256R1())
    conn.sendall(private_key.public_key().public_bytes(
        encoding=serialization.Encoding.PEM, format=serialization.PublicFormat.SubjectPublicKeyInfo))
    buffer = b""
    while END not in buffer:
        if len(buffer) > 1024:
            raise ValueError("no PEM END line in 1024 bytes")
        chunk = conn.recv(1024)
        if not chunk:
            raise EOFError("connection closed during the key exchange")
        buffer += chunk
    end = buffer.index(END) + len(END)
    peer = serialization.load_pem_public_key(buffer[:end])
    key = derive_key(private_key.exchange(ec.ECDH(), peer))
    return AESGCM(key), buffer[end:]


def send_record(conn, aead, message):
    nonce = os.urandom(12)
    body = nonce + aead.encrypt(nonce, message, None)
    conn.sendall(struct.pack(">I", len(body)) + body)


def read_record(conn, aead, buffer):
    """Returns (message or None at a clean end of stream, rest of buffer)."""
    if not buffer:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        buffer = chunk
    header, buffer = recv_exact(conn, 4, buffer)
    (length,) = struct.unpack(">I", header)
    if length < 28 or length > (1 << 20) + 28:
        raise ValueError("bad record length %d" % length)
    body, buffer = recv_exact(conn, length, buffer)
    return aead.decrypt(body[:12], body[12:], None), buffer


def client(port, messages):
    with socket.create_connection((HOST, port), timeout=20) as conn:
        aead, buffer = handshake(conn)
        for text in messages:
            send_record(conn, aead, text.encode())
        for text in messages:
            reply, buffer = read_record(conn, aead, buffer)
            if reply != text.encode():
                raise ValueError("echo mismatch: %r != %r" % (reply, text))
    print("ok %d" % len(messages), flush=True)


def server():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((HOST, 0))
        listener.listen(1)
        listener.settimeout(20)
        print("listening %d" % listener.getsockname()[1], flush=True)
        conn, _ = listener.accept()
        with conn:
            conn.settimeout(20)
            aead, buffer = handshake(conn)
            count = 0
            while True:
                message, buffer = read_record(conn, aead, buffer)
                if message is None:
                    break
                send_record(conn, aead, message)
                count += 1
    print("echoed %d" % count, flush=True)


if __name__ == "__main__":
    try:
        if sys.argv[1] == "client":
            client(int(sys.argv[2]), sys.argv[3:])
        elif sys.argv[1] == "server":
            server()
        else:
            raise SystemExit("usage: tutorial_peer.py client PORT MESSAGE... | server")
    except Exception as error:  # report one line, exit 1
        print("tutorial_peer: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        sys.exit(1)
