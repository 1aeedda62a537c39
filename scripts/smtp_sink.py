"""A real SMTP server for the tests: accepts every message on 127.0.0.1:PORT and writes it,
as received, to DIR/<n>.eml; refuses for good (550) any mailbox whose name begins with
`bounce-`, as a server does for an unknown mailbox. Usage: smtp_sink.py PORT DIR"""
import os
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce-"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.directory, f"{int(time.time() * 1000)}-{self.count}.eml")
        tmp = name + ".part"
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, name)
        return "250 Message accepted"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp sink on 127.0.0.1:{port}, writing to {directory}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
