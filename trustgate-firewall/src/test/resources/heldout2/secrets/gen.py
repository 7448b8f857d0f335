#!/usr/bin/env python3
"""Generator for the secrets-probe-2 test set (standard library only, deterministic).

Writes secrets-probe-2.jsonl and secrets-probe-2.meta.jsonl next to this file.
Every secret body is produced by a seeded random.Random; none is a real credential.
Written by a helper of the Trustgate project that did not see the detector under test.
"""
import base64
import json
import os
import random
import re
import string
import struct
import zlib

SEED = "secrets-probe-2/v1"
HERE = os.path.dirname(os.path.abspath(__file__))

DIGITS = string.digits
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
LETTERS = string.ascii_letters
ALNUM = LETTERS + DIGITS
B62 = DIGITS + UPPER + LOWER          # 0-9A-Za-z, the order used for the GitHub checksum
HEX = "0123456789abcdef"
B32ISH = UPPER + "234567"
URLSAFE = ALNUM + "-_"


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------
def rs(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def rb(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def b64(b):
    return base64.b64encode(b).decode("ascii")


def b64url(b):
    return base64.urlsafe_b64encode(b).decode("ascii").rstrip("=")


def alnum_end(r, s):
    """Make the last character alphanumeric so token boundaries stay unambiguous in prose."""
    if s[-1] not in ALNUM:
        s = s[:-1] + r.choice(ALNUM)
    return s


def b62_encode(n, width):
    out = ""
    while n:
        n, rem = divmod(n, 62)
        out = B62[rem] + out
    return out.rjust(width, "0")


def crc_b62(body):
    return b62_encode(zlib.crc32(body.encode("ascii")) & 0xFFFFFFFF, 6)


def wrap(s, n):
    return "\n".join(s[i:i + n] for i in range(0, len(s), n))


# --------------------------------------------------------------------------
# secret generators (random bodies, documented shapes)
# --------------------------------------------------------------------------
def aws_akid(r, prefix="AKIA"):
    return prefix + rs(r, B32ISH, 16)


def aws_secret(r, need_slash=False):
    while True:
        s = rs(r, ALNUM + "/+", 40)
        if s[0] in ALNUM and s[-1] in ALNUM and (not need_slash or "/" in s[1:-1]):
            return s


def gcp_api_key(r):
    return alnum_end(r, "AIzaSy" + rs(r, URLSAFE, 33))


def azure_storage_key(r, need_slash=False):
    while True:
        k = b64(rb(r, 64))
        if not need_slash or "/" in k:
            return k


def azure_sas_key(r):
    return b64(rb(r, 32))


def azure_client_secret(r):
    return alnum_end(r, rs(r, ALNUM, 3) + r.choice(DIGITS) + "Q~" + rs(r, ALNUM + "_.~-", 34))


def gh_classic(r, kind="p"):
    body = rs(r, ALNUM, 30)
    return "gh%s_%s%s" % (kind, body, crc_b62(body))


def gh_refresh(r):
    """GitHub App refresh token: ghr_ + 76 alphanumerics (length from GitHub's documented example; no checksum known)."""
    return "ghr_" + rs(r, ALNUM, 76)


def gh_fine(r):
    return "github_pat_11" + rs(r, UPPER + DIGITS, 7) + "0" + rs(r, ALNUM, 12) + "_" + rs(r, ALNUM, 59)


def npm_token(r):
    body = rs(r, ALNUM, 30)
    return "npm_" + body + crc_b62(body)


def gitlab_token(r, prefix="glpat-"):
    return prefix + alnum_end(r, rs(r, URLSAFE, 20))


def slack_bot(r):
    return "xoxb-%s-%s-%s" % (r.choice("123456789") + rs(r, DIGITS, r.randint(10, 12)),
                              r.choice("123456789") + rs(r, DIGITS, r.randint(10, 12)),
                              rs(r, ALNUM, 24))


def slack_user(r):
    return "xoxp-%s-%s-%s-%s" % (r.choice("123456789") + rs(r, DIGITS, 11),
                                 r.choice("123456789") + rs(r, DIGITS, 11),
                                 r.choice("123456789") + rs(r, DIGITS, 12),
                                 rs(r, HEX, 32))


def slack_app(r):
    return "xapp-1-A%s-%s-%s" % (rs(r, UPPER + DIGITS, 10), r.choice("123456789") + rs(r, DIGITS, 12), rs(r, HEX, 64))


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (
        rs(r, UPPER + DIGITS, r.choice([8, 10])), rs(r, UPPER + DIGITS, r.choice([8, 10])), rs(r, ALNUM, 24))


def stripe_key(r, kind="sk", mode="live", long=None):
    if long is None:
        long = r.random() < 0.6
    body = ("51" + rs(r, ALNUM, 97)) if long else rs(r, ALNUM, 24)
    return "%s_%s_%s" % (kind, mode, body)


def openai_key(r, form="proj"):
    if form == "legacy":
        return "sk-" + rs(r, ALNUM, 20) + "T3BlbkFJ" + rs(r, ALNUM, 20)
    return alnum_end(r, "sk-%s-%s" % (form, rs(r, ALNUM, 1) + rs(r, URLSAFE, 73) + "T3BlbkFJ" + rs(r, URLSAFE, 74)))


def anthropic_key(r):
    return "sk-ant-api03-" + rs(r, URLSAFE, 86) + "-" + rs(r, URLSAFE, 6) + "AA"


def hf_token(r):
    return "hf_" + rs(r, LETTERS, 34)


def jwt(r, alg=None, claims=None):
    alg = alg or r.choice(["HS256", "RS256", "ES256", "HS256"])
    header = {"alg": alg, "typ": "JWT"}
    if alg != "HS256" and r.random() < 0.7:
        header = {"alg": alg, "kid": rs(r, URLSAFE, 22), "typ": "JWT"}
    iat = r.randint(1_700_000_000, 1_760_000_000)
    if claims is None:
        claims = {"sub": r.choice([str(r.randint(10000, 9999999)), "usr_" + rs(r, ALNUM, 12)]),
                  "iss": r.choice(["https://auth.%s.io/" % r.choice(ORGS), "https://login.%s.com" % r.choice(ORGS)]),
                  "aud": r.choice(["api", "https://api.%s.io" % r.choice(ORGS), "web-client"]),
                  "iat": iat, "exp": iat + r.choice([900, 3600, 86400]),
                  "scope": r.choice(["read:orders write:orders", "openid profile email", "admin", "invoices:read"])}
    siglen = {"HS256": 32, "RS256": 256, "ES256": 64}[alg]
    enc = lambda o: b64url(json.dumps(o, separators=(",", ":")).encode())
    return "%s.%s.%s" % (enc(header), enc(claims), b64url(rb(r, siglen)))


def password(r, style=None, urlsafe=True):
    style = style or r.choice(["random", "random", "human"])
    if style == "human":
        w = r.choice(["Blue", "Harbor", "Falcon", "Winter", "Maple", "Copper", "Orbit", "Granite", "Tiger", "Velvet",
                      "Summit", "Pepper", "Nimbus", "Cobalt", "Juniper", "Lantern"])
        w2 = r.choice(["fish", "moon", "river", "stone", "light", "cloud", "forest", "bridge", "rocket", "garden"])
        return w + w2.capitalize() + str(r.randint(10, 2099)) + r.choice(["!", "#", "*", "", "."]) + r.choice(["", "x", "Q"])
    alpha = ALNUM + ("-_.~" if urlsafe else "!#$%^*-_+=.")
    s = rs(r, ALNUM, 1) + rs(r, alpha, r.randint(14, 26)) + rs(r, ALNUM, 1)
    return s


def pw_in_url(r):
    """A random password, sometimes with percent-encoded special characters, as it appears in a URL."""
    p = password(r)
    if r.random() < 0.35:
        i = r.randint(2, len(p) - 2)
        p = p[:i] + r.choice(["%40", "%23", "%21", "%2F", "%3A", "%25"]) + p[i:]
    return p


def hexs(r, n):
    return rs(r, HEX, n)


def django_key(r):
    return alnum_end(r, rs(r, LOWER + DIGITS + "!@#%^&*(-_=+)", 50))


def generic_token(r):
    kind = r.choice(["hex32", "hex40", "hex64", "b64", "urlsafe"])
    if kind == "hex32":
        return hexs(r, 32)
    if kind == "hex40":
        return hexs(r, 40)
    if kind == "hex64":
        return hexs(r, 64)
    if kind == "b64":
        return b64(rb(r, 32))
    return alnum_end(r, b64url(rb(r, 32)))


def sendgrid_key(r):
    return "SG." + alnum_end(r, rs(r, URLSAFE, 22)) + "." + alnum_end(r, rs(r, URLSAFE, 43))


def pypi_token(r):
    return "pypi-AgEIcHlwaS5vcmc" + alnum_end(r, rs(r, URLSAFE, 150))


def whsec(r):
    return "whsec_" + rs(r, ALNUM, 32)


# --------------------------------------------------------------------------
# DER / PEM construction (structurally plausible, random key material)
# --------------------------------------------------------------------------
def _dlen(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, content):
    return bytes([tag]) + _dlen(len(content)) + content


def dint(b):
    if isinstance(b, int):
        b = b.to_bytes(max(1, (b.bit_length() + 8) // 8), "big")
    if b[0] & 0x80:
        b = b"\x00" + b
    return der(0x02, b)


def dseq(*items):
    return der(0x30, b"".join(items))


def doct(b):
    return der(0x04, b)


def dbits(b):
    return der(0x03, b"\x00" + b)


OID_RSA = bytes.fromhex("06092a864886f70d010101")
OID_SHA256RSA = bytes.fromhex("06092a864886f70d01010b")
OID_ECPUB = bytes.fromhex("06072a8648ce3d0201")
OID_P256 = bytes.fromhex("06082a8648ce3d030107")
OID_PBES2 = bytes.fromhex("06092a864886f70d01050d")
OID_PBKDF2 = bytes.fromhex("06092a864886f70d01050c")
OID_HMAC256 = bytes.fromhex("06082a864886f70d0209")
OID_AES256CBC = bytes.fromhex("060960864801650304012a")
NULL = b"\x05\x00"


def _topbit(b):
    return bytes([b[0] | 0x80]) + b[1:]


def rsa_pkcs1_der(r, bits=2048):
    nb = bits // 8
    n = _topbit(rb(r, nb))
    half = _topbit(rb(r, nb // 2))
    return dseq(dint(0), dint(n), dint(65537), dint(rb(r, nb)), dint(half), dint(_topbit(rb(r, nb // 2))),
                dint(rb(r, nb // 2)), dint(rb(r, nb // 2)), dint(rb(r, nb // 2)))


def pkcs8_rsa_der(r, bits=2048):
    return dseq(dint(0), dseq(OID_RSA, NULL), doct(rsa_pkcs1_der(r, bits)))


def ec_sec1_der(r, with_params=True):
    parts = [dint(1), doct(rb(r, 32))]
    if with_params:
        parts.append(der(0xA0, OID_P256))
    parts.append(der(0xA1, dbits(b"\x04" + rb(r, 64))))
    return dseq(*parts)


def pkcs8_ec_der(r):
    return dseq(dint(0), dseq(OID_ECPUB, OID_P256), doct(ec_sec1_der(r, with_params=False)))


def encrypted_pkcs8_der(r):
    params = dseq(dseq(OID_PBKDF2, dseq(doct(rb(r, 16)), dint(2048), dseq(OID_HMAC256, NULL))),
                  dseq(OID_AES256CBC, doct(rb(r, 16))))
    return dseq(dseq(OID_PBES2, params), doct(rb(r, 1232)))


def pem(label, der_bytes, headers=None):
    body = wrap(b64(der_bytes), 64)
    h = ""
    if headers:
        h = "".join("%s: %s\n" % kv for kv in headers) + "\n"
    return "-----BEGIN %s-----\n%s%s\n-----END %s-----" % (label, h, body, label)


def _sshstr(b):
    return struct.pack(">I", len(b)) + b


def openssh_private(r, comment):
    pub = rb(r, 32)
    pubblob = _sshstr(b"ssh-ed25519") + _sshstr(pub)
    check = rb(r, 4)
    priv = check + check + _sshstr(b"ssh-ed25519") + _sshstr(pub) + _sshstr(rb(r, 32) + pub) + _sshstr(comment.encode())
    pad = 1
    while len(priv) % 8:
        priv += bytes([pad])
        pad += 1
    blob = (b"openssh-key-v1\x00" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"") + struct.pack(">I", 1)
            + _sshstr(pubblob) + _sshstr(priv))
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----" % wrap(b64(blob), 70)


def private_key(r, kind=None, comment="deploy@build-01"):
    kind = kind or r.choice(["rsa", "pkcs8", "ec", "openssh"])
    if kind == "rsa":
        return pem("RSA PRIVATE KEY", rsa_pkcs1_der(r))
    if kind == "pkcs8":
        return pem("PRIVATE KEY", pkcs8_rsa_der(r))
    if kind == "pkcs8-ec":
        return pem("PRIVATE KEY", pkcs8_ec_der(r))
    if kind == "ec":
        return pem("EC PRIVATE KEY", ec_sec1_der(r))
    if kind == "openssh":
        return openssh_private(r, comment)
    if kind == "encrypted":
        return pem("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(r))
    if kind == "rsa-legacy-enc":
        return pem("RSA PRIVATE KEY", rb(r, 1200),
                   headers=[("Proc-Type", "4,ENCRYPTED"), ("DEK-Info", "AES-256-CBC," + rs(r, "0123456789ABCDEF", 32))])
    raise ValueError(kind)


# --------------------------------------------------------------------------
# look-alike generators (never labelled)
# --------------------------------------------------------------------------
def uuid4(r):
    h = hexs(r, 32)
    h = h[:12] + "4" + h[13:16] + r.choice("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def sha1(r):
    return hexs(r, 40)


def sha256(r):
    return hexs(r, 64)


def integrity(r, algo="sha512"):
    return "%s-%s" % (algo, b64(rb(r, {"sha512": 64, "sha384": 48, "sha256": 32, "sha1": 20}[algo])))


def docker_digest(r):
    return "sha256:" + hexs(r, 64)


def ssh_pub(r, kind=None, comment=None):
    kind = kind or r.choice(["ed25519", "rsa"])
    comment = comment or "%s@%s" % (r.choice(USERS), r.choice(["laptop", "mbp", "build-01", "bastion", "workstation"]))
    if kind == "rsa":
        blob = _sshstr(b"ssh-rsa") + _sshstr(b"\x01\x00\x01") + _sshstr(b"\x00" + _topbit(rb(r, 256)))
        return "ssh-rsa %s %s" % (b64(blob), comment)
    blob = _sshstr(b"ssh-ed25519") + _sshstr(rb(r, 32))
    return "ssh-ed25519 %s %s" % (b64(blob), comment)


def public_key_pem(r):
    n = _topbit(rb(r, 256))
    return pem("PUBLIC KEY", dseq(dseq(OID_RSA, NULL), dbits(dseq(dint(n), dint(65537)))))


def _name(cn):
    return dseq(der(0x31, dseq(bytes.fromhex("0603550403"), der(0x0C, cn.encode()))))


def certificate_pem(r, cn="api.internal"):
    spki = dseq(dseq(OID_RSA, NULL), dbits(dseq(dint(_topbit(rb(r, 256))), dint(65537))))
    validity = dseq(der(0x17, b"250101000000Z"), der(0x17, b"270101000000Z"))
    tbs = dseq(der(0xA0, dint(2)), dint(rb(r, 16)), dseq(OID_SHA256RSA, NULL), _name("Internal CA R3"), validity,
               _name(cn), spki, der(0xA3, dseq(dseq(bytes.fromhex("0603551d13"), doct(dseq())))))
    return pem("CERTIFICATE", dseq(tbs, dseq(OID_SHA256RSA, NULL), dbits(rb(r, 256))))


def csr_pem(r, cn):
    spki = dseq(dseq(OID_RSA, NULL), dbits(dseq(dint(_topbit(rb(r, 256))), dint(65537))))
    info = dseq(dint(0), _name(cn), spki, der(0xA0, b""))
    return pem("CERTIFICATE REQUEST", dseq(info, dseq(OID_SHA256RSA, NULL), dbits(rb(r, 256))))


def b64_text(sentence):
    return b64(sentence.encode())


def css_hash(r):
    return r.choice(["css-", "sc-", "jsx-", "_", "styles_", "emotion-"]) + rs(r, LOWER + DIGITS, r.randint(6, 10))


def request_id(r):
    return r.choice(["req_" + rs(r, ALNUM, 14), uuid4(r), hexs(r, 32), "Root=1-%s-%s" % (hexs(r, 8), hexs(r, 24))])


ORGS = ["acme", "northwind", "globex", "initech", "hooli", "vandelay", "umbrella", "tyrell", "soylent", "contoso",
        "fabrikam", "blueharbor", "kestrel", "lumen", "pinecrest", "quantix", "redwood", "silverline", "tidewater",
        "brightloom", "cobaltpeak", "everfield"]
SERVICES = ["billing", "orders", "auth", "search", "ingest", "notifier", "catalog", "payments", "reports", "gateway",
            "scheduler", "ledger", "inventory", "profile", "checkout", "analytics"]
USERS = ["dana", "marco", "priya", "liwei", "tomasz", "aisha", "jonas", "sofia", "kenji", "olu", "ines", "ravi",
         "hannah", "mateo", "yuki", "fatima", "noah", "elena"]
AWS_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"]

# documented public examples / placeholders (used as negatives, never labelled)
AWS_EXAMPLE_AKID = "AKIAIOSFODNN7EXAMPLE"
AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
STRIPE_DOCS_SAMPLE = "sk_test_BQokikJOvBiI2HlWgH4olfQ2"
JWT_IO_EXAMPLE = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                  ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
SLACK_EXAMPLE_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
GITHUB_DOCS_GHU = "ghu_16C7e42F292c6912E7710c838347Ae178B4a"
GITHUB_DOCS_GHR = "ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498"


def svc(r):
    return r.choice(SERVICES)


def org(r):
    return r.choice(ORGS)


def user(r):
    return r.choice(USERS)


# --------------------------------------------------------------------------
# rendering: «name» inserts plain text, «TYPE:name» inserts a labelled span
# --------------------------------------------------------------------------
MARK = re.compile(r"«(?:([A-Z_]+):)?([A-Za-z0-9_]+)»")
TYPES = ["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GCP_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AZURE_STORAGE_KEY",
         "AZURE_CONNECTION_STRING", "AZURE_CLIENT_SECRET", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN",
         "SLACK_WEBHOOK", "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "HUGGINGFACE_TOKEN", "JWT", "PRIVATE_KEY",
         "DB_PASSWORD", "GENERIC_SECRET"]


def render(tpl, vals):
    out, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(tpl):
        lit = tpl[last:m.start()]
        out.append(lit)
        pos += u16(lit)
        typ, name = m.group(1), m.group(2)
        v = vals[name]
        if not isinstance(v, str):
            v = str(v)
        if typ:
            if typ not in TYPES:
                raise ValueError("unknown type " + typ)
            spans.append({"type": typ, "start": pos, "end": pos + u16(v)})
        out.append(v)
        pos += u16(v)
        last = m.end()
    out.append(tpl[last:])
    return "".join(out), spans


INTROS = {
    "generic": ["Can you take a look at this?\n\n", "Why is this failing?\n\n", "Quick review please:\n\n",
                "This worked yesterday and now it doesn't. Any idea?\n\n", "How do I make this cleaner?\n\n",
                "Here's what I have so far:\n\n", "Can you convert this for me?\n\n", ""],
}


def intro(r):
    return r.choice(INTROS["generic"])


def fence(r, lang, body, p=0.5):
    """Optionally wrap a body in a markdown code fence with a question, as pasted into a chat assistant."""
    if r.random() < p:
        return "%s```%s\n%s\n```" % (intro(r), lang, body)
    return body


def indent(s, n):
    pad = " " * n
    return s.replace("\n", "\n" + pad)


def jesc_nl(s):
    return s.replace("\n", "\\n")


# ==========================================================================
# templates
# ==========================================================================
REG = []


def T(name, context, count, positive=True):
    def deco(fn):
        REG.append((name, context, fn, count, positive))
        return fn
    return deco


# ---------------------------------------------------------------- containers
@T("dockerfile-env-aws", "dockerfile", 2)
def _(r):
    body = """FROM python:3.12-slim@«digest»
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
ENV AWS_DEFAULT_REGION=«region» \\
    AWS_ACCESS_KEY_ID=«AWS_ACCESS_KEY:ak» \\
    AWS_SECRET_ACCESS_KEY=«AWS_SECRET_KEY:sk»
ENV S3_BUCKET=«o»-«s»-artifacts
COPY . .
CMD ["python", "-m", "«s».worker"]"""
    return fence(r, "dockerfile", body), dict(digest=docker_digest(r), region=r.choice(AWS_REGIONS), ak=aws_akid(r),
                                               sk=aws_secret(r), o=org(r), s=svc(r))


@T("dockerfile-build-arg-hf", "dockerfile", 1)
def _(r):
    body = """# syntax=docker/dockerfile:1.7
FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04
ARG MODEL_ID=«model»
ENV HF_HOME=/models HUGGING_FACE_HUB_TOKEN=«HUGGINGFACE_TOKEN:tok»
RUN pip install "huggingface_hub[cli]" && \\
    huggingface-cli download $MODEL_ID --local-dir /models/$MODEL_ID
# pinned base layer: «digest»
EXPOSE 8080"""
    return fence(r, "dockerfile", body), dict(model=r.choice(["meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-v0.3",
                                                               "google/gemma-2-9b-it"]), tok=hf_token(r), digest=docker_digest(r))


@T("compose-postgres", "docker-compose", 2)
def _(r):
    o, s = org(r), svc(r)
    body = """services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_USER: «s»
      POSTGRES_PASSWORD: «GENERIC_SECRET:pw1»
      POSTGRES_DB: «s»
    volumes:
      - pgdata:/var/lib/postgresql/data
  api:
    build: .
    depends_on: [db]
    environment:
      DATABASE_URL: postgresql://«s»:«DB_PASSWORD:pw2»@db:5432/«s»?sslmode=disable
      LOG_LEVEL: info
      SENTRY_RELEASE: «sha»
    ports:
      - "8080:8080"
volumes:
  pgdata: {}"""
    p = password(r)
    return fence(r, "yaml", body), dict(s=s, pw1=p, pw2=p, sha=sha1(r))


@T("compose-redis-rabbit", "docker-compose", 2)
def _(r):
    body = """version: "3.9"
services:
  worker:
    image: ghcr.io/«o»/«s»-worker:«tag»
    environment:
      - CELERY_BROKER_URL=amqp://«u»:«DB_PASSWORD:p1»@rabbitmq:5672/«s»
      - CELERY_RESULT_BACKEND=redis://:«DB_PASSWORD:p2»@redis:6379/1
      - OTEL_SERVICE_NAME=«s»-worker
  rabbitmq:
    image: rabbitmq:3.13-management
  redis:
    image: redis:7.2"""
    return fence(r, "yaml", body), dict(o=org(r), s=svc(r), tag="sha-" + sha1(r)[:7], u=user(r), p1=pw_in_url(r), p2=pw_in_url(r))


# ---------------------------------------------------------------- kubernetes
@T("k8s-secret-stringdata", "k8s-manifest", 3)
def _(r):
    variant = r.choice(["openai", "stripe", "anthropic"])
    if variant == "openai":
        line, v = "  OPENAI_API_KEY: «OPENAI_KEY:k»", openai_key(r, r.choice(["proj", "svcacct"]))
    elif variant == "stripe":
        line, v = "  STRIPE_SECRET_KEY: «STRIPE_KEY:k»", stripe_key(r)
    else:
        line, v = "  ANTHROPIC_API_KEY: «ANTHROPIC_KEY:k»", anthropic_key(r)
    body = """apiVersion: v1
kind: Secret
metadata:
  name: «s»-api-keys
  namespace: «o»-prod
  uid: «uid»
type: Opaque
stringData:
""" + line + """
  LOG_FORMAT: json"""
    return fence(r, "yaml", body, 0.4), dict(s=svc(r), o=org(r), uid=uuid4(r), k=v)


@T("k8s-secret-data-b64", "k8s-manifest", 2)
def _(r):
    o, s = org(r), svc(r)
    host = "%s-db.%s.svc.cluster.local" % (s, o)
    p = password(r)
    tok = r.choice([gh_classic(r, "p"), slack_bot(r), generic_token(r)])
    body = """apiVersion: v1
kind: Secret
metadata:
  name: «s»-credentials
  labels:
    app.kubernetes.io/name: «s»
type: Opaque
data:
  DB_HOST: «h»
  DB_USER: «uu»
  DB_PASSWORD: «GENERIC_SECRET:pb»
  API_TOKEN: «GENERIC_SECRET:tb»"""
    return fence(r, "yaml", body, 0.5), dict(s=s, h=b64(host.encode()), uu=b64(s.encode()), pb=b64(p.encode()),
                                               tb=b64(tok.encode()))


@T("k8s-deployment-env-literal", "k8s-manifest", 2)
def _(r):
    body = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: «s»
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: «s»
          image: registry.«o».io/«s»@«dg»
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: «s»-db, key: password}
            - name: SLACK_BOT_TOKEN
              value: "«SLACK_TOKEN:tok»"
            - name: POD_UID
              valueFrom: {fieldRef: {fieldPath: metadata.uid}}"""
    return fence(r, "yaml", body, 0.5), dict(s=svc(r), o=org(r), dg=docker_digest(r), tok=slack_bot(r))


@T("helm-values-tls", "helm-values", 2)
def _(r):
    s = svc(r)
    key = private_key(r, r.choice(["rsa", "pkcs8"]))
    cert = certificate_pem(r, "%s.%s.io" % (s, org(r)))
    body = """# values-prod.yaml
replicaCount: 3
image:
  repository: ghcr.io/«o»/«s»
  tag: "«tag»"
ingress:
  enabled: true
  host: «s».«o».io
tls:
  crt: |
    «cert»
  key: |
    «PRIVATE_KEY:key»
resources:
  limits: {cpu: 500m, memory: 512Mi}"""
    return fence(r, "yaml", body, 0.4), dict(o=org(r), s=s, tag="1.%d.%d" % (r.randint(0, 30), r.randint(0, 9)),
                                               cert=indent(cert, 4), key=indent(key, 4))


@T("helm-values-openai-svcacct", "helm-values", 2)
def _(r):
    body = """global:
  environment: production
llmProxy:
  provider: openai
  model: gpt-4o-mini
  apiKey: «OPENAI_KEY:k»
  timeoutSeconds: 30
  podAnnotations:
    checksum/config: «h»"""
    return fence(r, "yaml", body, 0.5), dict(k=openai_key(r, "svcacct"), h=sha256(r))


# ---------------------------------------------------------------- CI
@T("gha-workflow-hardcoded", "github-actions", 3)
def _(r):
    v = r.choice(["hf", "gh", "npm"])
    if v == "hf":
        env = "      HF_TOKEN: «HUGGINGFACE_TOKEN:t»"
        val = hf_token(r)
    elif v == "gh":
        env = "      GH_TOKEN: «GITHUB_TOKEN:t»"
        val = gh_classic(r, "p")
    else:
        env = "      SLACK_WEBHOOK_URL: «SLACK_WEBHOOK:t»"
        val = slack_webhook(r)
    body = """name: release
on:
  push:
    tags: ["v*"]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    env:
      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
""" + env + """
    steps:
      - uses: actions/checkout@«sha1»
      - uses: actions/setup-node@«sha2»
        with: {node-version: 20}
      - run: npm ci && npm run build
      - run: ./scripts/publish.sh"""
    return fence(r, "yaml", body, 0.5), dict(t=val, sha1=sha1(r), sha2=sha1(r))


@T("gitlab-ci-token", "gitlab-ci", 2)
def _(r):
    body = """stages: [build, deploy]

variables:
  DOCKER_DRIVER: overlay2
  IMAGE: $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA

deploy-docs:
  stage: deploy
  image: curlimages/curl:8.8.0
  script:
    - >
      curl --fail --request POST
      --header "PRIVATE-TOKEN: «GITLAB_TOKEN:t»"
      "https://gitlab.«o».com/api/v4/projects/«pid»/trigger/pipeline?ref=main"
  rules:
    - if: $CI_COMMIT_BRANCH == "main\""""
    return fence(r, "yaml", body, 0.5), dict(t=gitlab_token(r), o=org(r), pid=r.randint(100, 9999))


@T("gitlab-runner-register", "shell", 2)
def _(r):
    tok = r.choice([gitlab_token(r, "glrt-"), "GR1348941" + alnum_end(r, rs(r, URLSAFE, 20))])
    body = """sudo gitlab-runner register \\
  --non-interactive \\
  --url "https://gitlab.«o».com/" \\
  --token "«GITLAB_TOKEN:t»" \\
  --executor "docker" \\
  --docker-image alpine:3.20 \\
  --description "«s»-runner-«n»\""""
    if tok.startswith("GR"):
        body = body.replace("--token", "--registration-token")
    return fence(r, "bash", body, 0.6), dict(o=org(r), t=tok, s=svc(r), n=r.randint(1, 9))


@T("ci-log-leak", "ci-log", 2)
def _(r):
    v = r.choice(["ghs", "slack", "stripe"])
    if v == "ghs":
        line = "  git remote set-url origin https://x-access-token:«GITHUB_TOKEN:t»@github.com/«o»/«s».git"
        val = gh_classic(r, "s")
    elif v == "slack":
        line = "  curl -s -X POST -H 'Authorization: Bearer «SLACK_TOKEN:t»' https://slack.com/api/chat.postMessage"
        val = slack_bot(r)
    else:
        line = "  + STRIPE_API_KEY=«STRIPE_KEY:t» npm run e2e"
        val = stripe_key(r, "sk", "test")
    body = """2025-05-1«d»T0«h»:1«m»:0«sec».«ms»Z ##[group]Run ./ci/deploy.sh
2025-05-1«d»T0«h»:1«m»:0«sec».«ms»Z + set -x
""" + line + """
2025-05-1«d»T0«h»:1«m»:1«sec».«ms»Z Uploading artifact «art» (sha256 «h256»)
2025-05-1«d»T0«h»:1«m»:1«sec».«ms»Z ##[endgroup]
2025-05-1«d»T0«h»:1«m»:1«sec».«ms»Z Error: Process completed with exit code 1."""
    return ("The deploy job fails, here's the log:\n\n" if r.random() < 0.5 else "") + body, dict(
        d=r.randint(0, 9), h=r.randint(0, 9), m=r.randint(0, 9), sec=r.randint(0, 9), ms=r.randint(1000000, 9999999),
        t=val, o=org(r), s=svc(r), art="dist-%s.tgz" % sha1(r)[:8], h256=sha256(r))


# ---------------------------------------------------------------- IaC
@T("terraform-provider-aws", "terraform", 2)
def _(r):
    body = """terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.40" }
  }
}

provider "aws" {
  region     = "«region»"
  access_key = "«AWS_ACCESS_KEY:ak»"
  secret_key = "«AWS_SECRET_KEY:sk»"
}

resource "aws_s3_bucket" "logs" {
  bucket = "«o»-«s»-logs-«sfx»"
}"""
    return fence(r, "hcl", body, 0.6), dict(region=r.choice(AWS_REGIONS), ak=aws_akid(r), sk=aws_secret(r), o=org(r),
                                              s=svc(r), sfx=hexs(r, 6))


@T("tfvars-azure", "tfvars", 3)
def _(r):
    body = """# prod.auto.tfvars
subscription_id     = "«sub»"
tenant_id           = "«ten»"
client_id           = "«cid»"
client_secret       = "«AZURE_CLIENT_SECRET:cs»"
location            = "westeurope"
storage_account     = "st«o»«n»"
storage_access_key  = "«AZURE_STORAGE_KEY:key»"
tags = { owner = "«u»", cost_center = "«cc»" }"""
    return fence(r, "hcl", body, 0.4), dict(sub=uuid4(r), ten=uuid4(r), cid=uuid4(r), cs=azure_client_secret(r),
                                              o=org(r), n=r.randint(10, 99), key=azure_storage_key(r), u=user(r),
                                              cc=r.randint(1000, 9999))


@T("terraform-gcp-credentials-heredoc", "terraform", 1)
def _(r):
    project = "%s-%s-%d" % (org(r), svc(r), r.randint(100, 999))
    key = pem("PRIVATE KEY", pkcs8_rsa_der(r))
    body = """provider "google" {
  project     = "«p»"
  region      = "europe-west1"
  credentials = <<EOF
{
  "type": "service_account",
  "project_id": "«p»",
  "private_key_id": "«kid»",
  "private_key": "«GCP_SERVICE_ACCOUNT_KEY:key»\\n",
  "client_email": "terraform@«p».iam.gserviceaccount.com",
  "client_id": "«cid»",
  "token_uri": "https://oauth2.googleapis.com/token"
}
EOF
}"""
    return fence(r, "hcl", body, 0.5), dict(p=project, kid=hexs(r, 40), key=jesc_nl(key),
                                              cid=str(r.randint(10 ** 20, 10 ** 21 - 1)))


@T("ansible-group-vars", "ansible", 2)
def _(r):
    body = """---
# group_vars/«s».yml
app_name: «s»
app_port: 8«n»
db_host: «s»-db.internal
db_user: «s»_app
db_password: "«GENERIC_SECRET:pw»"
alert_webhook: "«SLACK_WEBHOOK:wh»"
ntp_servers:
  - 0.pool.ntp.org
  - 1.pool.ntp.org"""
    return fence(r, "yaml", body, 0.5), dict(s=svc(r), n=r.randint(100, 999), pw=password(r, "random", False),
                                               wh=slack_webhook(r))


@T("ansible-task-uri", "ansible", 1)
def _(r):
    body = """- name: Register deployment with Sentry-like tracker
  ansible.builtin.uri:
    url: "https://api.«o».io/v2/deployments"
    method: POST
    headers:
      Authorization: "Bearer «JWT:j»"
    body_format: json
    body:
      version: "{{ app_version }}"
      commit: "«sha»"
  delegate_to: localhost"""
    return fence(r, "yaml", body, 0.5), dict(o=org(r), j=jwt(r), sha=sha1(r))


# ---------------------------------------------------------------- package managers / dotfiles
@T("npmrc-token", "npmrc", 3)
def _(r):
    v = r.choice(["npm", "ghpkg", "npm"])
    if v == "npm":
        body = """registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=«GENERIC_SECRET:t»
save-exact=true
fund=false"""
        t = npm_token(r)
        typ_fix = None
    else:
        body = """@«o»:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=«GITHUB_TOKEN:t»
always-auth=true"""
        t = gh_classic(r, "p")
    return fence(r, "ini", body, 0.5), dict(t=t, o=org(r))


@T("pypirc", "pypirc", 2)
def _(r):
    body = """[distutils]
index-servers =
    pypi
    internal

[pypi]
username = __token__
password = «GENERIC_SECRET:t»

[internal]
repository = https://pkgs.«o».io/simple/
username = «u»"""
    return fence(r, "ini", body, 0.5), dict(t=pypi_token(r), o=org(r), u=user(r))


@T("pip-conf-gitlab", "pip.conf", 2)
def _(r):
    body = """[global]
timeout = 60
index-url = https://__token__:«GITLAB_TOKEN:t»@gitlab.«o».com/api/v4/projects/«pid»/packages/pypi/simple
extra-index-url = https://pypi.org/simple"""
    return fence(r, "ini", body, 0.5), dict(t=gitlab_token(r), o=org(r), pid=r.randint(100, 9999))


@T("pip-conf-artifactory", "pip.conf", 1)
def _(r):
    body = """[global]
index-url = https://«u»:«GENERIC_SECRET:p»@«o».jfrog.io/artifactory/api/pypi/pypi-virtual/simple
trusted-host = «o».jfrog.io"""
    return fence(r, "ini", body, 0.5), dict(u=user(r), p=alnum_end(r, "AKCp8" + rs(r, ALNUM, 68)), o=org(r))


@T("netrc", "netrc", 2)
def _(r):
    body = """machine github.com
  login «u»
  password «GITHUB_TOKEN:t»
machine api.heroku.com
  login «u»@«o».com
  password «GENERIC_SECRET:h»"""
    return fence(r, "text", body, 0.4), dict(u=user(r), t=r.choice([gh_classic(r, "p"), gh_fine(r)]), o=org(r),
                                               h=alnum_end(r, "HRKU-" + rs(r, URLSAFE, 60)))


@T("maven-settings", "maven-settings", 2)
def _(r):
    v = r.choice(["gitlab", "plain"])
    if v == "gitlab":
        srv = """    <server>
      <id>gitlab-maven</id>
      <configuration>
        <httpHeaders>
          <property>
            <name>Private-Token</name>
            <value>«GITLAB_TOKEN:t»</value>
          </property>
        </httpHeaders>
      </configuration>
    </server>"""
        t = gitlab_token(r)
    else:
        srv = """    <server>
      <id>«o»-releases</id>
      <username>ci-deployer</username>
      <password>«GENERIC_SECRET:t»</password>
    </server>"""
        t = password(r, "random", False)
    body = """<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
""" + srv + """
  </servers>
  <mirrors>
    <mirror><id>central-proxy</id><url>https://nexus.«o».io/repository/maven-public/</url><mirrorOf>central</mirrorOf></mirror>
  </mirrors>
</settings>"""
    return fence(r, "xml", body, 0.5), dict(t=t, o=org(r))


@T("aws-credentials-file", "aws-credentials", 1)
def _(r):
    body = """[default]
aws_access_key_id = «AWS_ACCESS_KEY:a1»
aws_secret_access_key = «AWS_SECRET_KEY:s1»
region = «reg»

[«o»-prod]
aws_access_key_id = «AWS_ACCESS_KEY:a2»
aws_secret_access_key = «AWS_SECRET_KEY:s2»
output = json"""
    return fence(r, "ini", body, 0.5), dict(a1=aws_akid(r), s1=aws_secret(r), a2=aws_akid(r), s2=aws_secret(r),
                                              reg=r.choice(AWS_REGIONS), o=org(r))


@T("docker-config-auth", "docker-config", 1)
def _(r):
    u = user(r)
    tok = gh_classic(r, "p")
    body = """{
  "auths": {
    "ghcr.io": {
      "auth": "«GENERIC_SECRET:a»"
    },
    "https://index.docker.io/v1/": {}
  },
  "credsStore": "desktop"
}"""
    return fence(r, "json", body, 0.5), dict(a=b64(("%s:%s" % (u, tok)).encode()))


@T("dotenv-mixed", "dotenv", 2)
def _(r):
    o, s = org(r), svc(r)
    lines = ["# .env.production", "NODE_ENV=production", "PORT=%d" % r.choice([3000, 8080, 8000]),
             "APP_URL=https://%s.%s.io" % (s, o)]
    vals = {}
    pool = [("OPENAI_API_KEY", "OPENAI_KEY", lambda: openai_key(r, r.choice(["proj", "legacy"]))),
            ("STRIPE_SECRET_KEY", "STRIPE_KEY", lambda: stripe_key(r)),
            ("SENDGRID_API_KEY", "GENERIC_SECRET", lambda: sendgrid_key(r)),
            ("GITHUB_TOKEN", "GITHUB_TOKEN", lambda: gh_classic(r, "p")),
            ("DATABASE_URL", None, None),
            ("SESSION_SECRET", "GENERIC_SECRET", lambda: generic_token(r)),
            ("ANTHROPIC_API_KEY", "ANTHROPIC_KEY", lambda: anthropic_key(r)),
            ("GOOGLE_MAPS_API_KEY", "GCP_API_KEY", lambda: gcp_api_key(r))]
    chosen = r.sample(pool, 3)
    for i, (name, typ, fn) in enumerate(chosen):
        if name == "DATABASE_URL":
            lines.append("DATABASE_URL=postgres://%s:«DB_PASSWORD:v%d»@%s-db.%s.internal:5432/%s" % (s, i, s, o, s))
            vals["v%d" % i] = pw_in_url(r)
        else:
            lines.append("%s=«%s:v%d»" % (name, typ, i))
            vals["v%d" % i] = fn()
    lines += ["SENTRY_ENVIRONMENT=production", "FEATURE_FLAGS=checkout_v2,search_beta",
              "BUILD_SHA=%s" % sha1(r)]
    return fence(r, "bash", "\n".join(lines), 0.4), vals


# ---------------------------------------------------------------- code
@T("python-boto3", "python", 1)
def _(r):
    body = """import boto3

session = boto3.session.Session(
    aws_access_key_id="«AWS_ACCESS_KEY:ak»",
    aws_secret_access_key="«AWS_SECRET_KEY:sk»",
    region_name="«reg»",
)
s3 = session.client("s3")

def upload(path: str, key: str) -> None:
    s3.upload_file(path, "«o»-«s»-exports", key, ExtraArgs={"ChecksumAlgorithm": "SHA256"})"""
    return fence(r, "python", body, 0.6), dict(ak=aws_akid(r), sk=aws_secret(r), reg=r.choice(AWS_REGIONS), o=org(r),
                                                 s=svc(r))


@T("python-anthropic", "python", 3)
def _(r):
    body = """import anthropic

client = anthropic.Anthropic(api_key="«ANTHROPIC_KEY:k»")

def summarize(text: str) -> str:
    msg = client.messages.create(
        model="«m»",
        max_tokens=512,
        messages=[{"role": "user", "content": f"Summarize:\\n{text}"}],
    )
    return msg.content[0].text"""
    return fence(r, "python", body, 0.6), dict(k=anthropic_key(r), m=r.choice(["claude-sonnet-4-5", "claude-3-5-haiku-latest",
                                                                                "claude-opus-4-1"]))


@T("python-openai-legacy", "python", 2)
def _(r):
    body = """import openai, os

openai.api_key = "«OPENAI_KEY:k»"  # TODO move to env
openai.organization = "org-«orgid»"

resp = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "ping"}])
print(resp["id"], resp["usage"]["total_tokens"])"""
    return fence(r, "python", body, 0.6), dict(k=openai_key(r, "legacy"), orgid=rs(r, ALNUM, 24))


@T("python-slack-webhook", "python", 3)
def _(r):
    body = """import json
import urllib.request

WEBHOOK = "«SLACK_WEBHOOK:wh»"

def notify(text: str, run_id: str) -> None:
    payload = {"text": text, "blocks": [{"type": "context", "elements": [{"type": "mrkdwn", "text": f"run `{run_id}`"}]}]}
    req = urllib.request.Request(WEBHOOK, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=5)

notify("nightly export finished", "«rid»")"""
    return fence(r, "python", body, 0.6), dict(wh=slack_webhook(r), rid=uuid4(r))


@T("python-sqlalchemy-url", "python", 2)
def _(r):
    s, o = svc(r), org(r)
    body = """from sqlalchemy import create_engine

ENGINE = create_engine(
    "postgresql+psycopg2://«s»_rw:«DB_PASSWORD:p»@«s»-prod.«rid».«reg».rds.amazonaws.com:5432/«s»",
    pool_size=10,
    pool_pre_ping=True,
)"""
    return fence(r, "python", body, 0.6), dict(s=s, p=pw_in_url(r), rid=rs(r, LOWER + DIGITS, 12), reg=r.choice(AWS_REGIONS))


@T("python-libpq-dsn", "python", 1)
def _(r):
    s = svc(r)
    body = """import psycopg2

conn = psycopg2.connect("host=«s»-db.internal port=5432 dbname=«s» user=«s»_ro password=«DB_PASSWORD:p» sslmode=require")
with conn.cursor() as cur:
    cur.execute("select count(*) from events where created_at > now() - interval '1 day'")
    print(cur.fetchone())"""
    return fence(r, "python", body, 0.6), dict(s=s, p=password(r, "random", True))


@T("python-pyodbc", "python", 1)
def _(r):
    body = """import pyodbc

cnxn = pyodbc.connect(
    "DRIVER={ODBC Driver 18 for SQL Server};SERVER=tcp:«o»-sql.database.windows.net,1433;"
    "DATABASE=«s»;UID=«s»_app;PWD=«DB_PASSWORD:p»;Encrypt=yes;TrustServerCertificate=no;"
)"""
    return fence(r, "python", body, 0.6), dict(o=org(r), s=svc(r), p=password(r, "random", False))


@T("python-django-settings", "python", 1)
def _(r):
    body = """# settings/production.py
from .base import *  # noqa

DEBUG = False
SECRET_KEY = "«GENERIC_SECRET:k»"
ALLOWED_HOSTS = ["«s».«o».io"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "«s»",
        "USER": "«s»",
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": "db.internal",
    }
}
CSRF_TRUSTED_ORIGINS = ["https://«s».«o».io"]"""
    return fence(r, "python", body, 0.5), dict(k=django_key(r), s=svc(r), o=org(r))


@T("js-stripe", "javascript", 3)
def _(r):
    kind = r.choice(["sk", "sk", "rk"])
    body = """// server/payments.js
const Stripe = require('stripe');
const stripe = Stripe('«STRIPE_KEY:k»', { apiVersion: '2024-06-20' });

// publishable key used by the checkout page
export const STRIPE_PUBLISHABLE_KEY = '«pk»';

export async function createIntent(amount, customerId) {
  return stripe.paymentIntents.create({ amount, currency: 'eur', customer: customerId });
}
// e.g. createIntent(1999, 'cus_«cus»')"""
    return fence(r, "javascript", body, 0.6), dict(k=stripe_key(r, kind, r.choice(["live", "live", "test"])),
                                                     pk=stripe_key(r, "pk", "live"), cus=rs(r, ALNUM, 14))


@T("js-mongoose", "javascript", 2)
def _(r):
    body = """import mongoose from 'mongoose';

const uri = 'mongodb+srv://«u»:«DB_PASSWORD:p»@cluster0.«cid».mongodb.net/«s»?retryWrites=true&w=majority&appName=«s»';

await mongoose.connect(uri, { serverSelectionTimeoutMS: 5000 });
console.log('connected', mongoose.connection.id);"""
    return fence(r, "javascript", body, 0.6), dict(u=user(r), p=pw_in_url(r), cid=rs(r, LOWER + DIGITS, 5), s=svc(r))


@T("ts-openai-client", "typescript", 2)
def _(r):
    body = """import OpenAI from "openai";

const openai = new OpenAI({
  apiKey: "«OPENAI_KEY:k»",
  project: "proj_«pid»",
});

export async function embed(texts: string[]) {
  const res = await openai.embeddings.create({ model: "text-embedding-3-small", input: texts });
  return res.data.map((d) => d.embedding);
}"""
    return fence(r, "typescript", body, 0.6), dict(k=openai_key(r, "proj"), pid=rs(r, ALNUM, 24))


@T("go-slack-client", "go", 2)
def _(r):
    body = """package notify

import "github.com/slack-go/slack"

var api = slack.New("«SLACK_TOKEN:t»", slack.OptionAppLevelToken("«SLACK_TOKEN:a»"))

func Post(channel, text string) error {
	_, _, err := api.PostMessage(channel, slack.MsgOptionText(text, false))
	return err
}"""
    return fence(r, "go", body, 0.6), dict(t=slack_bot(r), a=slack_app(r))


@T("go-mysql-dsn", "go", 1)
def _(r):
    s = svc(r)
    body = """db, err := sql.Open("mysql", "«s»:«DB_PASSWORD:p»@tcp(«s»-mysql.internal:3306)/«s»?parseTime=true&loc=UTC")
if err != nil {
	log.Fatalf("open: %v", err)
}
db.SetMaxOpenConns(20)"""
    return fence(r, "go", body, 0.6), dict(s=s, p=password(r, "random", True))


@T("java-jdbc", "java", 2)
def _(r):
    s = svc(r)
    body = """public final class Db {
    private static final String URL =
        "jdbc:postgresql://«s»-db.«o».internal:5432/«s»?user=«s»_app&password=«DB_PASSWORD:p»&ssl=true";

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(URL);
    }
}"""
    return fence(r, "java", body, 0.6), dict(s=s, o=org(r), p=pw_in_url(r))


@T("java-properties", "properties", 1)
def _(r):
    s = svc(r)
    body = """spring.application.name=«s»
spring.datasource.url=jdbc:mysql://«s»-db:3306/«s»?useSSL=true
spring.datasource.username=«s»
spring.datasource.password=«GENERIC_SECRET:p»
spring.jpa.hibernate.ddl-auto=validate
app.jwt.secret=«GENERIC_SECRET:j»
app.jwt.ttl-minutes=30
management.endpoints.web.exposure.include=health,info"""
    return fence(r, "properties", body, 0.5), dict(s=s, p=password(r, "random", False), j=b64(rb(r, 48)))


@T("csharp-appsettings", "appsettings", 3)
def _(r):
    o, s = org(r), svc(r)
    body = """{
  "Logging": { "LogLevel": { "Default": "Information" } },
  "ConnectionStrings": {
    "Default": "Server=tcp:«o»-sql.database.windows.net,1433;Initial Catalog=«s»;User ID=«s»_app;Password=«DB_PASSWORD:p»;Encrypt=True;",
    "Storage": "DefaultEndpointsProtocol=https;AccountName=st«o»«n»;AccountKey=«AZURE_CONNECTION_STRING:k»;EndpointSuffix=core.windows.net"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "«ten»",
    "ClientId": "«cid»"
  }
}"""
    return fence(r, "json", body, 0.5), dict(o=o, s=s, p=password(r, "random", False), n=r.randint(10, 99),
                                               k=azure_storage_key(r), ten=uuid4(r), cid=uuid4(r))


@T("csharp-servicebus", "csharp", 3)
def _(r):
    body = """var connectionString = "Endpoint=sb://«o»-«s».servicebus.windows.net/;SharedAccessKeyName=«kn»;SharedAccessKey=«AZURE_CONNECTION_STRING:k»";
await using var client = new ServiceBusClient(connectionString);
ServiceBusSender sender = client.CreateSender("«s»-events");
await sender.SendMessageAsync(new ServiceBusMessage($"ping {Guid.NewGuid()}"));"""
    return fence(r, "csharp", body, 0.6), dict(o=org(r), s=svc(r), kn=r.choice(["RootManageSharedAccessKey", "sender"]),
                                                 k=azure_sas_key(r))


@T("ruby-config", "ruby", 2)
def _(r):
    body = """# config/initializers/integrations.rb
Stripe.api_key = "«STRIPE_KEY:k»"

Octokit.configure do |c|
  c.access_token = "«GITHUB_TOKEN:g»"
  c.auto_paginate = true
end

Rails.application.config.x.build_sha = "«sha»\""""
    return fence(r, "ruby", body, 0.6), dict(k=stripe_key(r, "rk", "live"), g=r.choice([gh_classic(r, "o"), gh_fine(r)]),
                                               sha=sha1(r))


@T("php-config", "php", 1)
def _(r):
    body = """<?php
return [
    'db' => [
        'dsn' => 'mysql:host=«s»-db;dbname=«s»;charset=utf8mb4',
        'username' => '«s»',
        'password' => '«GENERIC_SECRET:p»',
    ],
    'mailer' => [
        'transport' => 'smtp',
        'host' => 'smtp.sendgrid.net',
        'password' => '«GENERIC_SECRET:sg»',
    ],
    'cache_prefix' => '«s»_«pre»',
];"""
    return fence(r, "php", body, 0.6), dict(s=svc(r), p=password(r, "random", False), sg=sendgrid_key(r), pre=hexs(r, 8))


@T("php-json-escaped-slash", "php", 2)
def _(r):
    body = """var_dump output from our legacy admin panel (json_encode of the config row):

{"id":«id»,"provider":"s3","region":"«reg»","key":"«AWS_ACCESS_KEY:ak»","secret":"«AWS_SECRET_KEY:sk»","bucket":"«o»-uploads","updated_at":"2024-1«m»-0«d» 1«h»:2«mi»:00"}

why does the upload still return SignatureDoesNotMatch?"""
    sk = aws_secret(r, need_slash=True).replace("/", "\\/")
    return body, dict(id=r.randint(10, 400), reg=r.choice(AWS_REGIONS), ak=aws_akid(r), sk=sk, o=org(r),
                      m=r.randint(0, 2), d=r.randint(1, 9), h=r.randint(0, 9), mi=r.randint(0, 9))


# ---------------------------------------------------------------- shell / http
@T("shell-history", "shell-history", 2)
def _(r):
    o, s = org(r), svc(r)
    pool = [
        ("export OPENAI_API_KEY=«OPENAI_KEY:v%d»", lambda: openai_key(r, r.choice(["proj", "legacy"]))),
        ("curl -s -H \"Authorization: token «GITHUB_TOKEN:v%d»\" https://api.github.com/user/repos | jq '.[].full_name'",
         lambda: gh_classic(r, "p")),
        ("export HF_TOKEN=«HUGGINGFACE_TOKEN:v%d»", lambda: hf_token(r)),
        ("psql \"postgresql://%s:«DB_PASSWORD:v%%d»@localhost:6543/%s\"" % (s, s), lambda: pw_in_url(r)),
        ("stripe customers list --api-key «STRIPE_KEY:v%d» --limit 3", lambda: stripe_key(r, "sk", "test")),
        ("export ANTHROPIC_API_KEY='«ANTHROPIC_KEY:v%d»'", lambda: anthropic_key(r)),
        ("az login --service-principal -u %s -p «AZURE_CLIENT_SECRET:v%%d» --tenant %s" % (uuid4(r), uuid4(r)),
         lambda: azure_client_secret(r)),
    ]
    filler = ["cd ~/src/%s" % s, "git status", "git log --oneline -5", "kubectl get pods -n %s-prod" % o,
              "docker compose up -d", "ls -la", "git checkout -b fix/%s-timeout" % s, "make test",
              "kubectl rollout restart deploy/%s" % s, "git pull --rebase", "vim .env", "history | tail"]
    chosen = r.sample(pool, r.choice([1, 2, 2]))
    lines = r.sample(filler, 5)
    vals = {}
    for i, (tpl, fn) in enumerate(chosen):
        lines.insert(r.randint(1, len(lines)), tpl % i)
        vals["v%d" % i] = fn()
    start = r.randint(480, 1900)
    body = "\n".join("%5d  %s" % (start + j, l) for j, l in enumerate(lines))
    return ("here's my shell history, what did I break?\n\n" if r.random() < 0.4 else "") + body, vals


@T("curl-bearer-jwt", "curl", 3)
def _(r):
    body = """curl -i -X GET 'https://api.«o».io/v1/«s»/«rid»' \\
  -H 'Accept: application/json' \\
  -H 'Authorization: Bearer «JWT:j»' \\
  -H 'X-Request-Id: «req»'"""
    return fence(r, "bash", body, 0.5), dict(o=org(r), s=svc(r), rid=uuid4(r), j=jwt(r), req=uuid4(r))


@T("curl-query-key", "curl", 4)
def _(r):
    v = r.choice(["maps", "gemini", "maps", "hf"])
    if v == "maps":
        body = "curl \"https://maps.googleapis.com/maps/api/geocode/json?address=«addr»&key=«GCP_API_KEY:k»\""
        k = gcp_api_key(r)
    elif v == "gemini":
        body = ("curl -s \"https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent?key=«GCP_API_KEY:k»\" \\\n"
                "  -H 'Content-Type: application/json' -d '{\"contents\":[{\"parts\":[{\"text\":\"hello\"}]}]}'")
        k = gcp_api_key(r)
    else:
        body = "wget -q \"https://huggingface.co/«o»/private-model/resolve/main/model.safetensors?download=true&token=«HUGGINGFACE_TOKEN:k»\" -O model.safetensors"
        k = hf_token(r)
    return fence(r, "bash", body, 0.5), dict(k=k, addr=r.choice(["1600+Amphitheatre+Pkwy", "10+Downing+St", "Alexanderplatz+1"]),
                                               o=org(r))


@T("url-query-in-text", "chat", 3)
def _(r):
    body = r.choice([
        "the embed works if I open https://maps.googleapis.com/maps/api/staticmap?center=«c»&zoom=13&size=600x300&key=«GCP_API_KEY:k» directly, but not from the app. CORS?",
        "our status page polls https://api.«o».io/v2/health?api_key=«GENERIC_SECRET:k»&verbose=1 every minute, is that ok?",
    ])
    k = gcp_api_key(r) if "GCP" in body else hexs(r, 32)
    return body, dict(k=k, c=r.choice(["Berlin", "Lisbon", "Austin,TX"]), o=org(r))


@T("curl-split-continuation", "curl", 2)
def _(r):
    v = r.choice(["openai", "anthropic"])
    if v == "openai":
        key = openai_key(r, "proj")
        url, hdr, typ, model = "https://api.openai.com/v1/chat/completions", "Authorization: Bearer ", "OPENAI_KEY", "gpt-4o-mini"
    else:
        key = anthropic_key(r)
        url, hdr, typ, model = "https://api.anthropic.com/v1/messages", "x-api-key: ", "ANTHROPIC_KEY", "claude-3-5-haiku-latest"
    cut = r.randint(40, len(key) - 30)
    split = key[:cut] + "\\\n" + key[cut:]
    body = ("curl " + url + " \\\n  -H \"Content-Type: application/json\" \\\n  -H \"" + hdr + "«" + typ + ":k»\" \\\n"
            "  -d '{\"model\": \"«m»\", \"max_tokens\": 64, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}'")
    return ("I had to break the key over two lines because of our 120-col lint rule, now I get 401:\n\n" + body), dict(
        k=split, m=model)


@T("http-dump-basic", "http-dump", 2)
def _(r):
    u = r.choice(["svc-%s" % svc(r), "deploy", "admin", user(r)])
    body = """POST /api/v1/imports HTTP/1.1
Host: «s».internal.«o».io
User-Agent: python-requests/2.32.3
Accept: */*
Content-Type: application/json
Authorization: Basic «GENERIC_SECRET:b»
X-Correlation-Id: «cid»
Content-Length: «cl»

{"source":"s3://«o»-drop/«s»/«d».csv","dryRun":false}"""
    return ("Captured with mitmproxy, server answers 403:\n\n" if r.random() < 0.5 else "") + body, dict(
        s=svc(r), o=org(r), b=b64(("%s:%s" % (u, password(r))).encode()), cid=uuid4(r), cl=r.randint(60, 90),
        d="2025-0%d-1%d" % (r.randint(1, 9), r.randint(0, 9)))


@T("http-dump-bearer-opaque", "http-dump", 2)
def _(r):
    v = r.choice(["openai", "generic"])
    tok, typ = (openai_key(r, "proj"), "OPENAI_KEY") if v == "openai" else (alnum_end(r, b64url(rb(r, 32))), "GENERIC_SECRET")
    body = """> GET /v1/«path» HTTP/2
> Host: «host»
> Authorization: Bearer «""" + typ + """:t»
> Cookie: _ga=GA1.2.«ga»; session_id=«sess»
> If-None-Match: W/"«etag»"
>
< HTTP/2 401
< x-request-id: «req»
< content-type: application/json"""
    return ("curl -v output:\n\n" if r.random() < 0.5 else "") + body, dict(
        path=r.choice(["models", "files", "orders?limit=50"]), host=r.choice(["api.openai.com", "api.%s.io" % org(r)]),
        t=tok, ga="%d.%d" % (r.randint(10 ** 8, 10 ** 9), r.randint(10 ** 9, 2 * 10 ** 9)), sess=hexs(r, 32),
        etag=hexs(r, 16), req=request_id(r))


@T("git-remote-token", "shell", 2)
def _(r):
    v = r.choice(["gh", "gl"])
    if v == "gh":
        body = """$ git remote -v
origin	https://«u»:«GITHUB_TOKEN:t»@github.com/«o»/«s».git (fetch)
origin	https://«u»:«GITHUB_TOKEN:t2»@github.com/«o»/«s».git (push)
$ git push origin HEAD
remote: Permission to «o»/«s».git denied to «u»."""
        t = r.choice([gh_classic(r, "p"), gh_fine(r)])
    else:
        body = """$ git clone https://oauth2:«GITLAB_TOKEN:t»@gitlab.«o».com/platform/«s».git
Cloning into '«s»'...
remote: HTTP Basic: Access denied.
$ echo $?
128"""
        t = gitlab_token(r)
    return body, dict(u=user(r), t=t, t2=t, o=org(r), s=svc(r))


# ---------------------------------------------------------------- traces / logs
@T("stacktrace-python-db", "stack-trace", 2)
def _(r):
    s = svc(r)
    body = """Traceback (most recent call last):
  File "/srv/«s»/app/db.py", line 41, in connect
    return psycopg.connect(DSN)
  File "/usr/local/lib/python3.12/site-packages/psycopg/connection.py", line 119, in connect
    raise last_ex.with_traceback(None)
psycopg.OperationalError: connection failed: connection to server at "10.«a».«b».«c»", port 5432 failed: FATAL:  password authentication failed for user "«s»"
DSN was: postgresql://«s»:«DB_PASSWORD:p»@10.«a».«b».«c»:5432/«s»?application_name=«s»-«pid»"""
    return ("Getting this on startup in prod only:\n\n" if r.random() < 0.6 else "") + body, dict(
        s=s, a=r.randint(0, 255), b=r.randint(0, 255), c=r.randint(1, 254), p=pw_in_url(r), pid=r.randint(1000, 65000))


@T("stacktrace-java-jdbc", "stack-trace", 1)
def _(r):
    s = svc(r)
    body = """2025-03-0«d» 1«h»:0«m»:11.«ms» ERROR 1 --- [main] o.s.b.SpringApplication : Application run failed
org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; url=jdbc:mysql://«s»-db:3306/«s»?user=«s»&password=«DB_PASSWORD:p»
	at org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)
	at com.«o».«s».repo.OrderRepository$$SpringCGLIB$$0.findAll(<generated>)
Caused by: java.sql.SQLException: Access denied for user '«s»'@'10.0.«x».«y»' (using password: YES)
	at com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:130)
	... 42 common frames omitted"""
    return body, dict(d=r.randint(1, 9), h=r.randint(0, 9), m=r.randint(0, 9), ms=r.randint(100, 999), s=s,
                      p=pw_in_url(r), o=org(r), x=r.randint(0, 255), y=r.randint(1, 254))


@T("log-jwt", "log", 3)
def _(r):
    v = r.choice(["nginx", "json"])
    if v == "nginx":
        body = ('10.%d.%d.%d - - [1%d/Jun/2025:0%d:1%d:2%d +0000] "GET /api/me HTTP/1.1" 401 61 "-" "okhttp/4.12.0" '
                'rt=0.0%d req_id=«req» auth="Bearer «JWT:j»"') % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254),
                                                                 r.randint(0, 9), r.randint(0, 9), r.randint(0, 9),
                                                                 r.randint(0, 9), r.randint(10, 99))
    else:
        body = ('{"ts":"2025-06-1%dT0%d:2%d:1%d.%03dZ","level":"debug","msg":"outbound request","svc":"«s»",'
                '"trace_id":"«tr»","headers":"{\\"Authorization\\":\\"Bearer «JWT:j»\\",\\"Accept\\":\\"*/*\\"}"}') % (
            r.randint(0, 9), r.randint(0, 9), r.randint(0, 9), r.randint(0, 9), r.randint(0, 999))
    return body, dict(req=hexs(r, 32), j=jwt(r), s=svc(r), tr=hexs(r, 32))


# ---------------------------------------------------------------- API tools
@T("postman-env", "postman", 2)
def _(r):
    body = """{
  "id": "«id»",
  "name": "«o» staging",
  "values": [
    { "key": "baseUrl", "value": "https://staging-api.«o».io", "type": "default", "enabled": true },
    { "key": "mapsKey", "value": "«GCP_API_KEY:g»", "type": "secret", "enabled": true },
    { "key": "accessToken", "value": "«JWT:j»", "type": "secret", "enabled": true },
    { "key": "tenantId", "value": "«ten»", "type": "default", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2025-0«m»-1«d»T10:2«x»:33.«ms»Z",
  "_postman_exported_using": "Postman/11.2.«p»"
}"""
    return fence(r, "json", body, 0.4), dict(id=uuid4(r), o=org(r), g=gcp_api_key(r), j=jwt(r), ten=uuid4(r),
                                               m=r.randint(1, 9), d=r.randint(0, 9), x=r.randint(0, 9),
                                               ms=r.randint(100, 999), p=r.randint(0, 20))


@T("insomnia-export", "insomnia", 2)
def _(r):
    v = r.choice(["anthropic", "hf"])
    if v == "anthropic":
        hdr = '{ "name": "x-api-key", "value": "«ANTHROPIC_KEY:k»" }, { "name": "anthropic-version", "value": "2023-06-01" }'
        url, k = "https://api.anthropic.com/v1/messages", anthropic_key(r)
    else:
        hdr = '{ "name": "Authorization", "value": "Bearer «HUGGINGFACE_TOKEN:k»" }'
        url, k = "https://api-inference.huggingface.co/models/distilbert-base-uncased", hf_token(r)
    body = """{
  "_type": "export",
  "__export_format": 4,
  "__export_source": "insomnia.desktop.app:v2023.5.8",
  "resources": [
    {
      "_id": "req_«rid»",
      "parentId": "wrk_«wid»",
      "_type": "request",
      "name": "smoke test",
      "method": "POST",
      "url": \"""" + url + """\",
      "headers": [ """ + hdr + """ ],
      "body": { "mimeType": "application/json", "text": "{\\"inputs\\": \\"hello\\"}" }
    }
  ]
}"""
    return fence(r, "json", body, 0.4), dict(k=k, rid=hexs(r, 32), wid=hexs(r, 32))


# ---------------------------------------------------------------- notebooks
@T("jupyter-openai", "jupyter", 3)
def _(r):
    v = r.choice(["openai", "openai", "hf"])
    if v == "openai":
        src = '    "os.environ[\\"OPENAI_API_KEY\\"] = \\"«OPENAI_KEY:k»\\"\\n",\n    "client = OpenAI()\\n"'
        k = openai_key(r, r.choice(["proj", "legacy"]))
    else:
        src = '    "from huggingface_hub import login\\n",\n    "login(token=\\"«HUGGINGFACE_TOKEN:k»\\")\\n"'
        k = hf_token(r)
    body = """{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "«cid»",
   "metadata": {},
   "outputs": [],
   "source": [
    "import os\\n",
""" + src + """
   ]
  }
 ],
 "metadata": {
  "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
 },
 "nbformat": 4,
 "nbformat_minor": 5
}"""
    return ("my notebook won't load, here's the raw ipynb:\n\n" if r.random() < 0.4 else "") + body, dict(k=k, cid=hexs(r, 8))


# ---------------------------------------------------------------- GCP service account
def _gcp_sa(r, indent_n=0):
    project = "%s-%s-%d" % (org(r), svc(r), r.randint(100000, 999999))
    name = r.choice(["ci-deployer", "bq-reader", "terraform", "gke-node", "etl-runner"])
    key = pem("PRIVATE KEY", pkcs8_rsa_der(r))
    body = """{
  "type": "service_account",
  "project_id": "«p»",
  "private_key_id": "«kid»",
  "private_key": "«GCP_SERVICE_ACCOUNT_KEY:key»\\n",
  "client_email": "«n»@«p».iam.gserviceaccount.com",
  "client_id": "«cid»",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/«n»%40«p».iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}"""
    if indent_n:
        body = indent(body, indent_n)
    return body, dict(p=project, kid=hexs(r, 40), key=jesc_nl(key), n=name, cid=str(r.randint(10 ** 20, 10 ** 21 - 1)))


@T("gcp-sa-json", "gcp-key-file", 3)
def _(r):
    body, vals = _gcp_sa(r)
    pre = r.choice(["", "gcloud auth activate-service-account fails with this key.json, is it malformed?\n\n",
                    "Contents of credentials.json:\n\n"])
    return pre + body, vals


@T("gcp-sa-k8s-secret", "k8s-manifest", 2)
def _(r):
    body, vals = _gcp_sa(r, 4)
    head = """apiVersion: v1
kind: Secret
metadata:
  name: gcp-sa
type: Opaque
stringData:
  key.json: |
    """
    return head + body, vals


# ---------------------------------------------------------------- Azure
@T("az-sp-output", "shell", 2)
def _(r):
    body = """$ az ad sp create-for-rbac --name «o»-«s»-deployer --role Contributor --scopes /subscriptions/«sub»/resourceGroups/rg-«s»-prod
Creating 'Contributor' role assignment under scope '/subscriptions/«sub»/resourceGroups/rg-«s»-prod'
The output includes credentials that you must protect. Be sure that you do not include these credentials in your code or check the credentials into your source control.
{
  "appId": "«app»",
  "displayName": "«o»-«s»-deployer",
  "password": "«AZURE_CLIENT_SECRET:pw»",
  "tenant": "«ten»"
}"""
    return body, dict(o=org(r), s=svc(r), sub=uuid4(r), app=uuid4(r), pw=azure_client_secret(r), ten=uuid4(r))


@T("azure-storage-env", "dotenv", 3)
def _(r):
    body = """AZURE_STORAGE_ACCOUNT=st«o»«n»
AZURE_STORAGE_KEY=«AZURE_STORAGE_KEY:k»
AZURE_STORAGE_CONTAINER=«s»-uploads
AZURE_CLIENT_ID=«cid»"""
    return fence(r, "bash", body, 0.5), dict(o=org(r), n=r.randint(10, 99), k=azure_storage_key(r), s=svc(r), cid=uuid4(r))


@T("azure-functions-local-settings", "appsettings", 1)
def _(r):
    body = """{
  "IsEncrypted": false,
  "Values": {
    "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=func«o»«n»;AccountKey=«AZURE_CONNECTION_STRING:k»;EndpointSuffix=core.windows.net",
    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
    "AZURE_CLIENT_SECRET": "«AZURE_CLIENT_SECRET:cs»",
    "APPINSIGHTS_INSTRUMENTATIONKEY": "«ik»"
  }
}"""
    return fence(r, "json", body, 0.5), dict(o=org(r), n=r.randint(100, 999), k=azure_storage_key(r),
                                               cs=azure_client_secret(r), ik=uuid4(r))


# ---------------------------------------------------------------- private keys
@T("pem-ssh-chat", "chat", 2)
def _(r):
    k = private_key(r, "openssh", comment="%s@%s" % (user(r), r.choice(["laptop", "ci", "bastion"])))
    body = ("ssh keeps saying \"Load key \\\"deploy_key\\\": invalid format\". This is the file, did I copy it wrong?\n\n"
            "«PRIVATE_KEY:k»\n\nI created it with ssh-keygen -t ed25519 on my mac.")
    return body, dict(k=k)


@T("pem-rsa-file", "pem", 2)
def _(r):
    k = private_key(r, r.choice(["rsa", "pkcs8"]))
    pre = r.choice(["$ cat ~/.ssh/id_rsa\n", "server.key:\n", "-- contents of certs/tls.key --\n"])
    return pre + "«PRIVATE_KEY:k»\n", dict(k=k)


@T("pem-ec-python", "python", 1)
def _(r):
    body = '''import jwt, time

SIGNING_KEY = """«PRIVATE_KEY:k»
"""

def mint(sub: str) -> str:
    return jwt.encode({"sub": sub, "iat": int(time.time())}, SIGNING_KEY, algorithm="ES256", headers={"kid": "«kid»"})'''
    return fence(r, "python", body, 0.6), dict(k=private_key(r, r.choice(["ec", "pkcs8-ec"])), kid=rs(r, ALNUM, 16))


@T("pem-dotenv-escaped", "dotenv", 2)
def _(r):
    k = private_key(r, r.choice(["pkcs8", "rsa"]))
    body = """GITHUB_APP_ID=«aid»
GITHUB_APP_PRIVATE_KEY="«PRIVATE_KEY:k»\\n"
GITHUB_WEBHOOK_SECRET=«GENERIC_SECRET:w»"""
    return fence(r, "bash", body, 0.4), dict(aid=r.randint(100000, 999999), k=jesc_nl(k), w=hexs(r, 40))


@T("pem-encrypted", "pem", 2)
def _(r):
    k = private_key(r, r.choice(["encrypted", "rsa-legacy-enc"]))
    body = ("I forgot the passphrase for this key, can it be recovered somehow?\n\n«PRIVATE_KEY:k»" if r.random() < 0.5
            else "# certs/signing.key (passphrase in vault)\n«PRIVATE_KEY:k»\n")
    return body, dict(k=k)


@T("pem-terraform-tls", "terraform", 1)
def _(r):
    body = """resource "kubernetes_secret" "tls" {
  metadata { name = "«s»-tls" }
  type = "kubernetes.io/tls"
  data = {
    "tls.crt" = file("${path.module}/certs/«s».crt")
    "tls.key" = <<-EOT
      «PRIVATE_KEY:k»
    EOT
  }
}"""
    return fence(r, "hcl", body, 0.5), dict(s=svc(r), k=indent(private_key(r, "ec"), 6))


# ---------------------------------------------------------------- chat / e-mail / docs
CHAT_LINES = [
    ("here's the key: «%s:k»", None),
    ("ok use this one for staging «%s:k» and don't commit it pls", None),
    ("try with «%s:k» — it's the new one, I rotated the old one this morning", None),
    ("Hier ist der Schlüssel für die Staging-Umgebung: «%s:k»", "de"),
    ("te paso el token: «%s:k» (caduca el viernes)", "es"),
    ("voilà la clé : «%s:k»", "fr"),
    ("ステージング用のAPIキーです: «%s:k»", "ja"),
]


def _chat_secret(r, kind):
    return {
        "OPENAI_KEY": lambda: openai_key(r, r.choice(["proj", "svcacct", "legacy"])),
        "ANTHROPIC_KEY": lambda: anthropic_key(r),
        "GITHUB_TOKEN": lambda: r.choice([gh_classic(r, r.choice("pous")), gh_fine(r)]),
        "STRIPE_KEY": lambda: stripe_key(r, r.choice(["sk", "rk"]), r.choice(["live", "test"])),
        "HUGGINGFACE_TOKEN": lambda: hf_token(r),
        "SLACK_TOKEN": lambda: r.choice([slack_bot(r), slack_user(r)]),
        "GITLAB_TOKEN": lambda: gitlab_token(r, r.choice(["glpat-", "glpat-", "gldt-"])),
        "AWS_ACCESS_KEY": lambda: aws_akid(r),
        "GCP_API_KEY": lambda: gcp_api_key(r),
        "AZURE_CLIENT_SECRET": lambda: azure_client_secret(r),
        "SLACK_WEBHOOK": lambda: slack_webhook(r),
    }[kind]()


@T("chat-paste-key", "chat", 9)
def _(r):
    kind = r.choice(["OPENAI_KEY", "ANTHROPIC_KEY", "GITHUB_TOKEN", "STRIPE_KEY", "HUGGINGFACE_TOKEN", "SLACK_TOKEN",
                     "GITLAB_TOKEN", "GCP_API_KEY", "AZURE_CLIENT_SECRET", "SLACK_WEBHOOK"])
    line, lang = r.choice(CHAT_LINES)
    a, b = r.sample(USERS, 2)
    t0 = r.randint(8 * 60, 17 * 60)
    ts = ["%02d:%02d" % divmod(t0 + k, 60) for k in (0, r.randint(1, 9), r.randint(10, 40))]
    pre = ["[%s] %s: can someone send me the %s creds? mine expired" % (ts[0], a, kind.split("_")[0].lower()),
           "[%s] %s: %s" % (ts[1], b, line % kind)]
    post = r.choice(["[%s] %s: thx!" % (ts[2], a),
                     "[%s] %s: works :+1:" % (ts[2], a),
                     "[%s] %s: thread ts %d.%06d" % (ts[2], a, r.randint(1700000000, 1760000000), r.randint(0, 999999))])
    body = "\n".join(pre + [post])
    if r.random() < 0.4:
        body = "Can you turn this Slack thread into a short how-to for the wiki?\n\n" + body
    return body, dict(k=_chat_secret(r, kind))


@T("chat-aws-pair", "chat", 2)
def _(r):
    body = """«u»: new IAM user for the «s» importer is ready
«u»: access key «AWS_ACCESS_KEY:ak»
«u»: secret «AWS_SECRET_KEY:sk»
«u»: region «reg», bucket arn:aws:s3:::«o»-«s»-import
«v»: 👍 got it"""
    return body.replace("👍", "✅"), dict(u=user(r), v=user(r), ak=aws_akid(r), sk=aws_secret(r), reg=r.choice(AWS_REGIONS),
                                          o=org(r), s=svc(r))


@T("email-credentials", "email", 2)
def _(r):
    o, s, u = org(r), svc(r), user(r)
    v = r.choice(["db", "azure", "stripe"])
    if v == "db":
        mid = ("Host: %s-db.%s.internal\nUser: %s_report\nConnection string: postgresql://%s_report:«DB_PASSWORD:k»@%s-db.%s.internal:5432/%s"
               % (s, o, s, s, s, o, s))
        k = pw_in_url(r)
    elif v == "azure":
        mid = "Tenant: %s\nClient ID: %s\nClient secret: «AZURE_CLIENT_SECRET:k»\n(expires in 180 days)" % (uuid4(r), uuid4(r))
        k = azure_client_secret(r)
    else:
        mid = "Restricted key (read-only on charges and payouts): «STRIPE_KEY:k»"
        k = stripe_key(r, "rk", "live")
    body = """From: «u» <«u»@«o».com>
To: vendor-support@«v».io
Subject: Re: access for the reconciliation project
Date: «day», 1«d» Mar 2025 0«h»:4«m»:12 +0100
Message-ID: <«mid»@mail.«o».com>

Hi,

as discussed on the call, here are the credentials for the read-only access:

""" + mid + """

Please let me know once the export ran.

Best,
«U»"""
    return body, dict(u=u, o=o, v=org(r), day=r.choice(["Mon", "Tue", "Wed", "Thu"]), d=r.randint(0, 9), h=r.randint(7, 9),
                      m=r.randint(0, 9), mid=hexs(r, 24), k=k, U=u.capitalize())


@T("runbook-md", "markdown-runbook", 2)
def _(r):
    o, s = org(r), svc(r)
    v = r.choice(["gitlab", "slack", "openai", "hf"])
    cmd = {
        "gitlab": ("curl --header \"PRIVATE-TOKEN: «GITLAB_TOKEN:k»\" https://gitlab.%s.com/api/v4/projects/%d/pipelines?status=failed"
                   % (o, r.randint(10, 999)), gitlab_token(r)),
        "slack": ("curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"%s rollback started\"}' «SLACK_WEBHOOK:k»" % s,
                  slack_webhook(r)),
        "openai": ("OPENAI_API_KEY=«OPENAI_KEY:k» python scripts/reindex.py --collection %s" % s, openai_key(r, "proj")),
        "hf": ("huggingface-cli login --token «HUGGINGFACE_TOKEN:k»", hf_token(r)),
    }[v]
    body = """# Runbook: «s» rollback

**Owner:** @«u» · **Last reviewed:** 2025-0«m»-1«d»

1. Freeze deploys in #deploys.
2. Find the last good release:
   ```bash
   git log --oneline -n 5 origin/release
   # «sha» fix(«s»): guard null tenant
   ```
3. Run:
   ```bash
   """ + cmd[0] + """
   ```
4. Verify the dashboard (request id of the smoke test is logged as `req_«rid»`)."""
    return body, dict(s=s, u=user(r), m=r.randint(1, 9), d=r.randint(0, 9), sha=sha1(r)[:7], rid=rs(r, ALNUM, 14), k=cmd[1])


@T("github-fine-grained", "chat", 2)
def _(r):
    body = r.choice([
        "I created a fine-grained PAT with contents:read on «o»/«s» only: «GITHUB_TOKEN:t» — but `gh repo clone` still says 404. Why?",
        "renovate config:\n\n```json\n{\n  \"platform\": \"github\",\n  \"token\": \"«GITHUB_TOKEN:t»\",\n  \"repositories\": [\"«o»/«s»\"]\n}\n```",
    ])
    return body, dict(t=gh_fine(r), o=org(r), s=svc(r))


@T("stripe-restricted-yaml", "yaml-config", 2)
def _(r):
    body = """billing:
  provider: stripe
  stripe:
    restricted_key: «STRIPE_KEY:k»
    publishable_key: «pk»
    webhook_secret: «GENERIC_SECRET:w»
    price_ids:
      pro_monthly: price_«p1»
      pro_yearly: price_«p2»"""
    return fence(r, "yaml", body, 0.5), dict(k=stripe_key(r, "rk", r.choice(["live", "test"])), pk=stripe_key(r, "pk", "live"),
                                               w=whsec(r), p1=rs(r, ALNUM, 24), p2=rs(r, ALNUM, 24))


@T("mixed-config-multi", "yaml-config", 2)
def _(r):
    o, s = org(r), svc(r)
    body = """# config/production.yaml  (do not commit!)
server:
  port: 8080
  public_url: https://«s».«o».io
database:
  url: mysql://«s»:«DB_PASSWORD:dbp»@«s»-mysql.internal:3306/«s»?tls=true
  pool: 20
integrations:
  github:
    app_id: «aid»
    token: «GITHUB_TOKEN:gh»
  slack:
    bot_token: «SLACK_TOKEN:sl»
    channel: C«ch»
  huggingface:
    token: «HUGGINGFACE_TOKEN:hf»
observability:
  trace_sample_rate: 0.1
  build: «sha»"""
    return fence(r, "yaml", body, 0.4), dict(o=o, s=s, dbp=pw_in_url(r), aid=r.randint(100000, 999999),
                                               gh=gh_classic(r, r.choice("ps")), sl=r.choice([slack_bot(r), slack_user(r)]),
                                               ch=rs(r, UPPER + DIGITS, 10), hf=hf_token(r), sha=sha1(r))


@T("redis-url-code", "python", 1)
def _(r):
    body = """import redis

r = redis.Redis.from_url("rediss://default:«DB_PASSWORD:p»@«o»-cache.«rid».ng.0001.euw1.cache.amazonaws.com:6379/0")
r.set("healthcheck", "ok", ex=30)"""
    return fence(r, "python", body, 0.6), dict(p=pw_in_url(r), o=org(r), rid=rs(r, LOWER + DIGITS, 6))


@T("jwt-cookie-har", "har", 1)
def _(r):
    body = """{
  "log": {
    "entries": [
      {
        "startedDateTime": "2025-04-0«d»T1«h»:0«m»:5«s».«ms»Z",
        "request": {
          "method": "GET",
          "url": "https://app.«o».io/api/session",
          "cookies": [ { "name": "access_token", "value": "«JWT:j»", "httpOnly": true } ],
          "headers": [ { "name": "x-client-version", "value": "«ver»" } ]
        },
        "response": { "status": 401, "headers": [ { "name": "x-amzn-requestid", "value": "«req»" } ] }
      }
    ]
  }
}"""
    return ("exported HAR from devtools:\n\n" if r.random() < 0.5 else "") + body, dict(
        d=r.randint(1, 9), h=r.randint(0, 9), m=r.randint(0, 9), s=r.randint(0, 9), ms=r.randint(100, 999), o=org(r),
        j=jwt(r, "RS256"), ver="4.%d.%d+%s" % (r.randint(0, 20), r.randint(0, 9), sha1(r)[:7]), req=uuid4(r))


@T("markdown-table-keys", "markdown-runbook", 2)
def _(r):
    body = """## Environments

| env | API base | Stripe key | Maps key |
|-----|----------|------------|----------|
| dev | http://localhost:8080 | `${STRIPE_KEY}` | `${MAPS_KEY}` |
| staging | https://staging.«o».io | `«STRIPE_KEY:k1»` | `«GCP_API_KEY:g»` |
| prod | https://api.«o».io | see 1Password | see 1Password |

_Last rotated: 2025-0«m»-2«d» by @«u»._"""
    return body, dict(o=org(r), k1=stripe_key(r, r.choice(["sk", "rk"]), "test"), g=gcp_api_key(r), m=r.randint(1, 9),
                      d=r.randint(0, 8), u=user(r))


@T("github-app-user-token", "shell", 2)
def _(r):
    body = """$ curl -s -X POST https://github.com/login/oauth/access_token \\
    -H "Accept: application/json" \\
    -d client_id=Iv1.«cid» -d client_secret="$GH_APP_CLIENT_SECRET" -d code=«code»
{
  "access_token": "«GITHUB_TOKEN:a»",
  "expires_in": 28800,
  "refresh_token": "«GITHUB_TOKEN:rt»",
  "refresh_token_expires_in": 15811200,
  "scope": "",
  "token_type": "bearer"
}"""
    pre = r.choice(["", "The token exchange works but the next call returns 401 - what am I missing?\n\n"])
    return pre + body, dict(cid=hexs(r, 16), code=hexs(r, 20), a=gh_classic(r, "u"), rt=gh_refresh(r))


@T("github-oauth-form-response", "http-dump", 1)
def _(r):
    body = """HTTP/2 200
content-type: application/x-www-form-urlencoded; charset=utf-8
x-github-request-id: «rid»

access_token=«GITHUB_TOKEN:t»&scope=repo%2Cgist&token_type=bearer"""
    return ("Why does requests give me a string instead of JSON here?\n\n" if r.random() < 0.5 else "") + body, dict(
        rid="%s:%s:%s:%s:%s" % (rs(r, "0123456789ABCDEF", 4), rs(r, "0123456789ABCDEF", 5), rs(r, "0123456789ABCDEF", 6),
                                 rs(r, "0123456789ABCDEF", 7), rs(r, "0123456789ABCDEF", 8)), t=gh_classic(r, "o"))


@T("github-installation-token-log", "log", 1)
def _(r):
    body = """[«ts»] INFO  app=«s»-bot installation=«iid» repo=«o»/«s»
[«ts»] DEBUG POST /app/installations/«iid»/access_tokens -> 201
[«ts»] DEBUG installation token «GITHUB_TOKEN:t» expires_at=2025-07-0«d»T1«h»:00:00Z permissions={contents: write, pull_requests: write}
[«ts»] INFO  opened PR #«pr» (head «sha»)"""
    day = r.randint(1, 8)
    return body, dict(ts="2025-07-0%dT0%d:1%d:%02d.%03dZ" % (day, r.randint(0, 8), r.randint(0, 9), r.randint(0, 59), r.randint(0, 999)),
                      s=svc(r), iid=r.randint(10 ** 7, 10 ** 8), o=org(r), t=gh_classic(r, "s"), d=day,
                      h=r.randint(0, 9), pr=r.randint(10, 4000), sha=sha1(r)[:12])


# ==========================================================================
# negative templates (no secret; look-alikes only)
# ==========================================================================
def N(name, context, count):
    return T(name, context, count, positive=False)


@N("neg-dockerfile-digest", "dockerfile", 3)
def _(r):
    body = """FROM node:20-alpine@«d1» AS build
ARG NPM_TOKEN
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
COPY . .
RUN npm run build

FROM nginx:1.27-alpine@«d2»
LABEL org.opencontainers.image.revision="«sha»"
COPY --from=build /src/dist /usr/share/nginx/html"""
    return fence(r, "dockerfile", body), dict(d1=docker_digest(r), d2=docker_digest(r), sha=sha1(r))


@N("neg-compose-env-refs", "docker-compose", 3)
def _(r):
    s = svc(r)
    body = """services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set in .env}
      POSTGRES_USER: «s»
  api:
    image: ghcr.io/«o»/«s»:«tag»
    env_file: [.env]
    environment:
      DATABASE_URL: postgresql://«s»:${DB_PASSWORD}@db:5432/«s»
      REDIS_URL: redis://redis:6379/0
      OPENAI_API_KEY: ${OPENAI_API_KEY}
    secrets: [stripe_key]
secrets:
  stripe_key:
    file: ./secrets/stripe_key.txt"""
    return fence(r, "yaml", body), dict(s=s, o=org(r), tag="sha-" + sha1(r)[:12])


@N("neg-k8s-secretkeyref", "k8s-manifest", 3)
def _(r):
    s = svc(r)
    body = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: «s»
  uid: «uid»
  annotations:
    deployment.kubernetes.io/revision: "«rev»"
    checksum/config: «cs»
spec:
  template:
    spec:
      serviceAccountName: «s»
      containers:
        - name: app
          image: «o».azurecr.io/«s»@«dg»
          env:
            - name: STRIPE_SECRET_KEY
              valueFrom: {secretKeyRef: {name: «s»-stripe, key: secret-key}}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: «s»-db, key: password}}
            - name: AWS_ROLE_ARN
              value: arn:aws:iam::«acct»:role/«s»-irsa"""
    return fence(r, "yaml", body), dict(s=s, uid=uuid4(r), rev=r.randint(2, 80), cs=sha256(r), o=org(r),
                                          dg=docker_digest(r), acct=r.randint(10 ** 11, 10 ** 12 - 1))


@N("neg-k8s-configmap-b64", "k8s-manifest", 2)
def _(r):
    s = svc(r)
    body = """apiVersion: v1
kind: ConfigMap
metadata:
  name: «s»-config
data:
  LOG_LEVEL: info
  UPSTREAM: http://«s».«o».svc:8080
binaryData:
  banner.txt: «b1»
  motd: «b2»"""
    return fence(r, "yaml", body), dict(s=s, o=org(r), b1=b64_text("Welcome to the %s service. Maintenance windows: Sundays 02:00-04:00 UTC.\n" % s),
                                          b2=b64_text("Authorized use only. Activity is logged.\n"))


@N("neg-sealed-secret", "k8s-manifest", 2)
def _(r):
    s = svc(r)
    body = """apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: «s»-db
  namespace: «s»
spec:
  encryptedData:
    password: «e1»
    username: «e2»
  template:
    metadata: {name: «s»-db}"""
    return fence(r, "yaml", body), dict(s=s, e1="AgB" + b64(rb(r, 380)), e2="AgC" + b64(rb(r, 300)))


@N("neg-sops-file", "yaml-config", 1)
def _(r):
    enc = lambda n: "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (b64(rb(r, n)), b64(rb(r, 32)), b64(rb(r, 16)))
    body = """db:
    password: «a»
    user: «b»
stripe_key: «c»
sops:
    kms:
        - arn: arn:aws:kms:eu-west-1:«acct»:key/«kid»
          created_at: "2025-02-1«d»T09:12:44Z"
          enc: «k»
          aws_profile: ""
    lastmodified: "2025-02-1«d»T09:12:45Z"
    mac: «mac»
    version: 3.9.1"""
    return body, dict(a=enc(24), b=enc(8), c=enc(40), acct=r.randint(10 ** 11, 10 ** 12 - 1), kid=uuid4(r), d=r.randint(0, 9),
                      k=b64(rb(r, 180)), mac="ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (b64(rb(r, 48)), b64(rb(r, 32)), b64(rb(r, 16))))


@N("neg-gha-secrets-refs", "github-actions", 3)
def _(r):
    body = """name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-24.04
    env:
      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}
      GH_TOKEN: ${{ github.token }}
      AWS_REGION: «reg»
    steps:
      - uses: actions/checkout@«s1» # v4.2.2
      - uses: aws-actions/configure-aws-credentials@«s2» # v4
        with:
          role-to-assume: arn:aws:iam::«acct»:role/gha-«svc»
          aws-region: ${{ env.AWS_REGION }}
      - uses: actions/cache@«s3»
        with:
          path: ~/.cache/pip
          key: pip-${{ hashFiles('**/requirements.txt') }}
      - run: pytest -q"""
    return fence(r, "yaml", body), dict(reg=r.choice(AWS_REGIONS), s1=sha1(r), s2=sha1(r), s3=sha1(r),
                                          acct=r.randint(10 ** 11, 10 ** 12 - 1), svc=svc(r))


@N("neg-gitlab-ci-vars", "gitlab-ci", 2)
def _(r):
    body = """build:
  image: docker:27
  services: [docker:27-dind]
  script:
    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin $CI_REGISTRY
    - docker build --build-arg GIT_SHA=$CI_COMMIT_SHA -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA .
    - 'curl --header "JOB-TOKEN: $CI_JOB_TOKEN" --upload-file dist/app.tgz "${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/generic/app/1.0.«n»/app.tgz"'
  cache:
    key: «ck»
    paths: [.cache/]"""
    return fence(r, "yaml", body), dict(n=r.randint(0, 40), ck="deps-" + sha1(r)[:16])


@N("neg-terraform-vars", "terraform", 3)
def _(r):
    s = svc(r)
    body = """variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "api_key" {
  length  = 48
  special = false
}

resource "aws_db_instance" "«s»" {
  identifier          = "«s»-prod"
  engine              = "postgres"
  username            = "«s»"
  password            = var.db_password
  kms_key_id          = "arn:aws:kms:«reg»:«acct»:key/«kid»"
  snapshot_identifier = "rds:«s»-prod-2025-0«m»-1«d»-0«h»-10"
}

output "api_key" {
  value     = random_password.api_key.result
  sensitive = true
}"""
    return fence(r, "hcl", body), dict(s=s, reg=r.choice(AWS_REGIONS), acct=r.randint(10 ** 11, 10 ** 12 - 1), kid=uuid4(r),
                                         m=r.randint(1, 9), d=r.randint(0, 9), h=r.randint(0, 9))


@N("neg-terraform-lock", "terraform", 2)
def _(r):
    body = """# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.«v».0"
  constraints = "~> 5.40"
  hashes = [
    "h1:«h1»",
    "zh:«z1»",
    "zh:«z2»",
    "zh:«z3»",
  ]
}"""
    return fence(r, "hcl", body), dict(v=r.randint(40, 80), h1=b64(rb(r, 32)), z1=sha256(r), z2=sha256(r), z3=sha256(r))


@N("neg-ansible-vault", "ansible", 2)
def _(r):
    body = """# group_vars/all/vault.yml (encrypted with ansible-vault)
$ANSIBLE_VAULT;1.1;AES256
«blob»

# group_vars/all/vars.yml
db_password: "{{ vault_db_password }}"
slack_webhook: "{{ vault_slack_webhook }}"
api_token: "{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/«s»:token') }}\""""
    blob = hexs(r, 80 * 6)
    return body, dict(blob="\n".join(blob[i:i + 80] for i in range(0, len(blob), 80)), s=svc(r))


@N("neg-package-lock", "lockfile", 3)
def _(r):
    pk = [("lodash", "4.17.21"), ("axios", "1.7.%d" % r.randint(2, 9)), ("zod", "3.23.%d" % r.randint(0, 8)),
          ("react", "18.3.1"), ("uuid", "9.0.1"), ("express", "4.19.2"), ("chalk", "5.3.0")]
    parts = []
    for name, ver in r.sample(pk, 3):
        parts.append('    "node_modules/%s": {\n      "version": "%s",\n      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",\n      "integrity": "%s",\n      "license": "MIT"\n    }'
                     % (name, ver, name, name, ver, integrity(r, r.choice(["sha512", "sha512", "sha1"]))))
    body = '{\n  "name": "«s»-web",\n  "lockfileVersion": 3,\n  "packages": {\n' + ",\n".join(parts) + "\n  }\n}"
    return fence(r, "json", body), dict(s=svc(r))


@N("neg-go-sum-poetry", "lockfile", 3)
def _(r):
    v = r.choice(["gosum", "poetry", "cargo"])
    if v == "gosum":
        mods = ["github.com/google/uuid v1.6.0", "golang.org/x/crypto v0.2%d.0" % r.randint(1, 9),
                "github.com/stretchr/testify v1.9.0", "go.uber.org/zap v1.27.0"]
        lines = []
        for m in mods:
            lines.append("%s h1:%s" % (m, b64(rb(r, 32))))
            lines.append("%s/go.mod h1:%s" % (m, b64(rb(r, 32))))
        return "\n".join(lines), {}
    if v == "poetry":
        body = """[[package]]
name = "requests"
version = "2.32.3"
files = [
    {file = "requests-2.32.3-py3-none-any.whl", hash = "sha256:«a»"},
    {file = "requests-2.32.3.tar.gz", hash = "sha256:«b»"},
]

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
content-hash = "«c»\""""
        return body, dict(a=sha256(r), b=sha256(r), c=sha256(r))
    body = """[[package]]
name = "serde"
version = "1.0.20«n»"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "«a»"

[[package]]
name = "tokio"
version = "1.38.«m»"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "«b»\""""
    return body, dict(n=r.randint(0, 9), m=r.randint(0, 3), a=sha256(r), b=sha256(r))


@N("neg-git-log", "git-log", 3)
def _(r):
    out = []
    for _ in range(3):
        a = user(r)
        out.append("commit %s\nAuthor: %s <%s@%s.com>\nDate:   %s Jun 1%d 1%d:%02d:%02d 2025 +0200\n\n    %s\n\n    Change-Id: I%s\n    Reviewed-on: https://review.%s.io/c/%s/+/%d"
                   % (sha1(r), a.capitalize(), a, org(r), r.choice(["Mon", "Tue", "Wed", "Thu", "Fri"]), r.randint(0, 9),
                      r.randint(0, 9), r.randint(0, 59), r.randint(0, 59),
                      r.choice(["fix: retry on 429 from upstream", "chore(deps): bump axios", "feat: add tenant filter",
                                "refactor: split token refresh logic", "docs: explain API key rotation"]),
                      sha1(r), org(r), svc(r), r.randint(10000, 99999)))
    return ("git log output, can you write release notes?\n\n" if r.random() < 0.5 else "") + "\n\n".join(out), {}


@N("neg-ssh-pubkeys", "authorized_keys", 3)
def _(r):
    lines = [ssh_pub(r) for _ in range(r.randint(2, 4))]
    if r.random() < 0.5:
        lines.insert(0, "# ~/.ssh/authorized_keys on bastion-%02d" % r.randint(1, 9))
    body = "\n".join(lines)
    if r.random() < 0.5:
        body = "Which of these keys is the ed25519 one?\n\n" + body
    return body, {}


@N("neg-pem-public", "pem", 3)
def _(r):
    v = r.choice(["cert", "pub", "csr", "chain"])
    s = "%s.%s.io" % (svc(r), org(r))
    if v == "cert":
        body = "openssl says the chain is incomplete for this cert:\n\n" + certificate_pem(r, s)
    elif v == "pub":
        body = "# JWT verification key (public)\nJWT_PUBLIC_KEY=\"" + jesc_nl(public_key_pem(r)) + "\""
    elif v == "csr":
        body = csr_pem(r, s)
    else:
        body = certificate_pem(r, s) + "\n" + certificate_pem(r, "Internal CA R3")
    return body, {}


@N("neg-aws-docs-example", "markdown-runbook", 3)
def _(r):
    v = r.choice(["creds", "env", "boto"])
    if v == "creds":
        body = """From the AWS CLI docs, the credentials file looks like this:

```ini
[default]
aws_access_key_id = «a»
aws_secret_access_key = «s»
```

Replace the values with your own keys before running `aws configure list`."""
    elif v == "env":
        body = """```bash
# example only - these are the placeholder keys from the AWS documentation
export AWS_ACCESS_KEY_ID=«a»
export AWS_SECRET_ACCESS_KEY=«s»
export AWS_DEFAULT_REGION=us-west-2
```"""
    else:
        body = """In the unit tests we stub STS with moto:

```python
@mock_aws
def test_upload(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "«a»")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "«s»")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
```"""
    return body, dict(a=AWS_EXAMPLE_AKID, s=AWS_EXAMPLE_SECRET)


@N("neg-env-example-placeholders", "dotenv", 3)
def _(r):
    opts = ["OPENAI_API_KEY=<YOUR_API_KEY>", "OPENAI_API_KEY=sk-...", "ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxx",
            "STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "DB_PASSWORD=changeme", "DATABASE_URL=postgres://user:password@localhost:5432/app",
            "HF_TOKEN=hf_your_token_here", "SLACK_BOT_TOKEN=xoxb-your-bot-token", "JWT_SECRET=replace-me",
            "AWS_SECRET_ACCESS_KEY=your-secret-access-key", "AZURE_CLIENT_SECRET=<client-secret>",
            "SENDGRID_API_KEY=SG.xxxxxxxx.yyyyyyyy", "GOOGLE_API_KEY=YOUR_GOOGLE_API_KEY",
            "REDIS_URL=redis://localhost:6379/0", "SECRET_KEY=${SECRET_KEY}", "GITLAB_TOKEN=glpat-XXXXXXXXXXXXXXXXXXXX",
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ", "ADMIN_PASSWORD=********"]
    picked, names = [], set()
    for o in r.sample(opts, len(opts)):
        if o.split("=")[0] not in names and len(picked) < 7:
            picked.append(o)
            names.add(o.split("=")[0])
    lines = ["# .env.example - copy to .env and fill in"] + picked + ["PORT=3000", "LOG_LEVEL=debug"]
    return fence(r, "bash", "\n".join(lines), 0.4), {}


@N("neg-redacted-logs", "log", 3)
def _(r):
    v = r.choice(["openai", "masked", "redacted"])
    if v == "openai":
        body = """openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************************************«tail». You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}"""
        return body, dict(tail=rs(r, ALNUM, 4))
    if v == "masked":
        body = """2025-06-1«d» 09:1«m»:2«s» INFO  config loaded: {"stripe_key": "sk_live_****«t1»", "aws_key_id": "AKIA************«t2»", "db_url": "postgresql://«u»:****@db:5432/«u»", "slack_token": "xoxb-***"}
2025-06-1«d» 09:1«m»:2«s» INFO  request_id=«rid» session=«sess» tenant=«ten»"""
        return body, dict(d=r.randint(0, 9), m=r.randint(0, 9), s=r.randint(0, 9), t1=rs(r, ALNUM, 4), t2=rs(r, UPPER, 4),
                          u=svc(r), rid=uuid4(r), sess=hexs(r, 32), ten=uuid4(r))
    body = """[«ts»] auth: token refresh ok user=«u» token=[REDACTED] expires_in=3600
[«ts»] github: using token ghp_…«t» (classic, scopes: repo, read:org)
[«ts»] anthropic: key sk-ant-api03-...«t2» rate_limit_remaining=«n»"""
    return body, dict(ts="2025-05-2%dT1%d:00:00Z" % (r.randint(0, 9), r.randint(0, 9)), u=user(r), t=rs(r, ALNUM, 4),
                      t2=rs(r, ALNUM, 4) + "AA", n=r.randint(10, 900))


@N("neg-stripe-publishable", "javascript", 3)
def _(r):
    v = r.choice(["pk", "docs"])
    if v == "pk":
        body = """// checkout.js (runs in the browser)
const stripe = Stripe('«pk»');
const elements = stripe.elements({ clientSecret: window.__PI_SECRET__ });
console.debug('customer', 'cus_«c»', 'price', 'price_«p»', 'session', 'cs_live_«cs»');"""
        return fence(r, "javascript", body), dict(pk=stripe_key(r, "pk", r.choice(["live", "test"])), c=rs(r, ALNUM, 14),
                                                    p=rs(r, ALNUM, 24), cs="a1" + rs(r, ALNUM, 56))
    body = """From the Stripe API reference, the sample request is:

```bash
curl https://api.stripe.com/v1/charges \\
  -u «k»:
```

Which key do I replace that with in the dashboard?"""
    return body, dict(k=STRIPE_DOCS_SAMPLE)


@N("neg-request-ids-logs", "log", 3)
def _(r):
    lines = []
    for _ in range(r.randint(4, 6)):
        lines.append(r.choice([
            '10.%d.%d.%d - - [1%d/May/2025:1%d:%02d:%02d +0000] "GET /api/orders?page=%d HTTP/1.1" 200 %d "-" "Mozilla/5.0" rid=%s' % (
                r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.randint(0, 9), r.randint(0, 9),
                r.randint(0, 59), r.randint(0, 59), r.randint(1, 20), r.randint(200, 9000), hexs(r, 32)),
            'level=info ts=2025-05-1%dT1%d:%02d:%02dZ msg="request finished" trace_id=%s span_id=%s duration_ms=%d' % (
                r.randint(0, 9), r.randint(0, 9), r.randint(0, 59), r.randint(0, 59), hexs(r, 32), hexs(r, 16), r.randint(1, 900)),
            'START RequestId: %s Version: $LATEST' % uuid4(r),
            'WARN session %s expired (idle 1800s) user_id=%d' % (alnum_end(r, b64url(rb(r, 24))), r.randint(1000, 99999)),
            'X-Amzn-Trace-Id: Root=1-%s-%s;Parent=%s;Sampled=1' % (hexs(r, 8), hexs(r, 24), hexs(r, 16)),
            'stripe: POST /v1/payment_intents 200 request_id=req_%s idempotency_key=%s' % (rs(r, ALNUM, 14), uuid4(r)),
            'JSESSIONID=%s; Path=/; Secure; HttpOnly' % rs(r, "0123456789ABCDEF", 32),
        ]))
    return "\n".join(lines), {}


@N("neg-css-classnames", "html", 3)
def _(r):
    body = """<!doctype html>
<html><head>
<link rel="stylesheet" href="/_next/static/css/«c1».css">
<script src="/_next/static/chunks/main-«c2».js" integrity="«sri»" crossorigin="anonymous" defer></script>
</head>
<body>
<div id="__next"><div class="«k1» «k2»"><button class="«k3»" data-testid="checkout">Pay</button></div></div>
<script id="__NEXT_DATA__" type="application/json">{"buildId":"«bid»","page":"/checkout","runtimeConfig":{"stripePk":"«pk»"}}</script>
</body></html>"""
    return fence(r, "html", body), dict(c1=hexs(r, 16), c2=hexs(r, 16), sri=integrity(r, "sha384"), k1=css_hash(r),
                                          k2=css_hash(r), k3=css_hash(r), bid=alnum_end(r, rs(r, URLSAFE, 21)),
                                          pk=stripe_key(r, "pk", "live"))


@N("neg-conn-no-password", "python", 4)
def _(r):
    s, o = svc(r), org(r)
    v = r.choice(["pg", "mongo", "jdbc", "ado", "redis"])
    body = {
        "pg": 'engine = create_engine(f"postgresql+psycopg://{DB_USER}:{os.environ[\'DB_PASSWORD\']}@«s»-db:5432/«s»")',
        "mongo": "const uri = `mongodb+srv://${process.env.MONGO_USER}:${process.env.MONGO_PASSWORD}@cluster0.«c».mongodb.net/«s»`;",
        "jdbc": "spring.datasource.url=jdbc:postgresql://«s»-db:5432/«s»?sslmode=verify-full\nspring.datasource.password=${DB_PASSWORD}",
        "ado": '"Default": "Server=tcp:«o»-sql.database.windows.net,1433;Database=«s»;Authentication=Active Directory Managed Identity;Encrypt=True;"',
        "redis": "REDIS_URL=redis://«s»-cache.internal:6379/0\nAMQP_URL=amqp://guest@localhost:5672/%2F",
    }[v]
    return fence(r, "text", body, 0.5), dict(s=s, o=o, c=rs(r, LOWER + DIGITS, 5))


@N("neg-password-lookup", "python", 4)
def _(r):
    v = r.choice(["py", "go", "cs", "java", "tf"])
    body = {
        "py": """password = os.environ.get("DB_PASSWORD")
api_key = keyring.get_password("«s»", "api")
token = secrets_client.get_secret_value(SecretId="prod/«s»/token")["SecretString"]
client_secret = settings.OAUTH_CLIENT_SECRET""",
        "go": """password := os.Getenv("PGPASSWORD")
apiKey, err := sm.AccessSecretVersion(ctx, &smpb.AccessSecretVersionRequest{Name: "projects/«p»/secrets/«s»-api-key/versions/latest"})""",
        "cs": """var password = builder.Configuration["Db:Password"];
var clientSecret = await keyVault.GetSecretAsync("«s»-client-secret");""",
        "java": """@Value("${app.security.token-secret}")
private String tokenSecret;
String password = System.getenv("DB_PASSWORD");""",
        "tf": """password      = data.aws_secretsmanager_secret_version.db.secret_string
client_secret = azurerm_key_vault_secret.sp.value
api_token     = var.api_token""",
    }[v]
    return fence(r, "text", body, 0.5), dict(s=svc(r), p="%s-%s" % (org(r), r.randint(1000, 9999)))


@N("neg-azure-ids", "appsettings", 3)
def _(r):
    v = r.choice(["appsettings", "azurite"])
    if v == "appsettings":
        body = """{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "«t»",
    "ClientId": "«c»",
    "ClientCredentials": [ { "SourceType": "KeyVault", "KeyVaultUrl": "https://kv-«o».vault.azure.net", "KeyVaultCertificateName": "«s»-cert" } ]
  },
  "ApplicationInsights": { "ConnectionString": "InstrumentationKey=«ik»;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/" },
  "SubscriptionId": "«sub»"
}"""
        return fence(r, "json", body), dict(t=uuid4(r), c=uuid4(r), o=org(r), s=svc(r), ik=uuid4(r), sub=uuid4(r))
    body = """For local development we point at Azurite:

```json
{
  "Values": {
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "BlobConnection": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«k»;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"
  }
}
```"""
    return body, dict(k=AZURITE_KEY)


@N("neg-base64-text", "json-api", 2)
def _(r):
    v = r.choice(["email", "datauri", "github"])
    if v == "email":
        body = """Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

«b»"""
        return body, dict(b=wrap(b64_text("Hi %s,\n\nthe quarterly report is attached. The numbers for %s look fine, "
                                          "only the churn chart needs a second look.\n\nCheers,\n%s\n" % (
                                              user(r).capitalize(), svc(r), user(r).capitalize())), 76))
    if v == "datauri":
        svg = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="%d" fill="#%s"/></svg>' % (
            r.randint(3, 8), hexs(r, 6))
        return '.icon-status { background-image: url("data:image/svg+xml;base64,«b»"); }', dict(b=b64_text(svg))
    body = """{
  "name": "README.md",
  "path": "README.md",
  "sha": "«sha»",
  "size": «n»,
  "encoding": "base64",
  "content": "«b»"
}"""
    txt = "# %s\n\nInternal service for %s. Run `make dev` to start.\n" % (svc(r), org(r))
    return body, dict(sha=sha1(r), n=len(txt), b=b64_text(txt))


@N("neg-jwks-oidc", "json-api", 2)
def _(r):
    n = b64url(_topbit(rb(r, 256)))
    body = """{
  "keys": [
    {
      "kty": "RSA",
      "use": "sig",
      "kid": "«kid»",
      "alg": "RS256",
      "n": "«n»",
      "e": "AQAB",
      "x5t": "«x5t»"
    }
  ]
}"""
    return ("This is our /.well-known/jwks.json, why does the verifier say 'kid not found'?\n\n" if r.random() < 0.5 else "") + body, dict(
        kid=rs(r, URLSAFE, 43), n=n, x5t=b64url(rb(r, 20)))


@N("neg-jwt-io-example", "markdown-runbook", 1)
def _(r):
    body = """The canonical example from jwt.io decodes to `{"sub":"1234567890","name":"John Doe","iat":1516239022}`:

```
«j»
```

Our middleware should reject it because the signature was made with the demo secret."""
    return body, dict(j=JWT_IO_EXAMPLE)


@N("neg-slack-docs-webhook", "markdown-runbook", 2)
def _(r):
    body = r.choice([
        "Per the Slack docs the URL has the form «w» — where do I find the T... part for our workspace?",
        "```yaml\nalertmanager:\n  receivers:\n    - name: slack\n      slack_configs:\n        - api_url_file: /etc/alertmanager/slack_url\n          channel: '#alerts-«s»'\n          # format: «w»\n```",
    ])
    return body, dict(w=SLACK_EXAMPLE_WEBHOOK, s=svc(r))


@N("neg-checksums", "text", 3)
def _(r):
    v = r.choice(["sums", "docker", "release"])
    if v == "sums":
        files = ["%s_%s_%s.tar.gz" % (svc(r), "1.%d.%d" % (r.randint(0, 9), r.randint(0, 9)), p)
                 for p in ["linux_amd64", "linux_arm64", "darwin_arm64", "windows_amd64"]]
        return "\n".join("%s  %s" % (sha256(r), f) for f in files), {}
    if v == "docker":
        body = """$ docker images --digests
REPOSITORY              TAG       DIGEST       IMAGE ID       CREATED        SIZE
ghcr.io/«o»/«s»        1.4.«n»     «d1»   «id1»   2 days ago     142MB
postgres                16        «d2»   «id2»   3 weeks ago    432MB"""
        return body, dict(o=org(r), s=svc(r), n=r.randint(0, 9), d1=docker_digest(r), d2=docker_digest(r),
                          id1=hexs(r, 12), id2=hexs(r, 12))
    body = """Release v2.«a».«b»
- sha256: «h1»
- sha512: «h2»
- cosign bundle: «cb»
- build provenance: https://search.sigstore.dev/?uuid=«u»"""
    return body, dict(a=r.randint(0, 20), b=r.randint(0, 9), h1=sha256(r), h2=hexs(r, 128),
                      cb=b64(rb(r, 96)), u=hexs(r, 80))


@N("neg-bcrypt-htpasswd", "text", 1)
def _(r):
    bc = lambda: "$2y$10$" + rs(r, ALNUM + "./", 53)
    body = """# .htpasswd for the staging basic-auth gate (bcrypt hashes, not passwords)
«u1»:«h1»
«u2»:«h2»"""
    return body, dict(u1=user(r), h1=bc(), u2=user(r), h2=bc())


@N("neg-stacktrace", "stack-trace", 3)
def _(r):
    v = r.choice(["java", "py", "node"])
    if v == "java":
        body = """Exception in thread "pool-3-thread-«n»" java.lang.IllegalStateException: Token cache corrupted for key «uuid»
	at com.«o».auth.TokenCache.get(TokenCache.java:88)
	at com.«o».auth.TokenCache$$Lambda$412/0x000000080«addr».apply(Unknown Source)
	at java.base/java.util.concurrent.ConcurrentHashMap.computeIfAbsent(ConcurrentHashMap.java:1708)
	Suppressed: java.lang.RuntimeException: lock@«hc» held by thread «tid»"""
        return body, dict(n=r.randint(1, 9), uuid=uuid4(r), o=org(r), addr=hexs(r, 7), hc=hexs(r, 8), tid=r.randint(20, 400))
    if v == "py":
        body = """Traceback (most recent call last):
  File "/app/worker.py", line 77, in handle
    payload = verify(msg.body, signature=msg.headers["X-Signature"])
  File "/app/crypto.py", line 19, in verify
    raise InvalidSignature(f"digest mismatch: expected {expected} got {got}")
app.crypto.InvalidSignature: digest mismatch: expected «a» got «b»
<Task pending name='Task-«t»' coro=<consume() running at /app/worker.py:41> cb=[<TaskWakeupMethWrapper object at 0x7f«addr»>()]>"""
        return body, dict(a=sha256(r), b=sha256(r), t=r.randint(2, 900), addr=hexs(r, 10))
    body = """Error: ENOENT: no such file or directory, open '/home/«u»/.cache/«s»/«h».json'
    at Object.openSync (node:fs:573:18)
    at readCache (/srv/«s»/dist/cache.js:1:«col»)
  errno: -2, code: 'ENOENT', syscall: 'open'
  requestId: '«rid»'"""
    return body, dict(u=user(r), s=svc(r), h=hexs(r, 40), col=r.randint(100, 9000), rid=uuid4(r))


@N("neg-ci-log-masked", "ci-log", 2)
def _(r):
    body = """2025-06-0«d»T1«h»:2«m»:1«s».«ms»Z ##[group]Run docker login ghcr.io -u «u» -p ***
2025-06-0«d»T1«h»:2«m»:1«s».«ms»Z WARNING! Using --password via the CLI is insecure. Use --password-stdin.
2025-06-0«d»T1«h»:2«m»:1«s».«ms»Z Login Succeeded
2025-06-0«d»T1«h»:2«m»:2«s».«ms»Z #12 pushing manifest for ghcr.io/«o»/«svc»:«sha»@«dg»
2025-06-0«d»T1«h»:2«m»:2«s».«ms»Z env: OPENAI_API_KEY=*** STRIPE_KEY=*** GITHUB_RUN_ID=«run»"""
    return body, dict(d=r.randint(1, 9), h=r.randint(0, 9), m=r.randint(0, 9), s=r.randint(0, 9), ms=r.randint(1000000, 9999999),
                      u=user(r), o=org(r), svc=svc(r), sha=sha1(r), dg=docker_digest(r), run=r.randint(10 ** 9, 10 ** 10))


@N("neg-http-no-auth", "http-dump", 3)
def _(r):
    body = """GET /v2/«s»/items?cursor=«cur» HTTP/1.1
Host: api.«o».io
Accept: application/json
If-None-Match: "«etag»"
X-Request-ID: «rid»
traceparent: 00-«tr»-«sp»-01

HTTP/1.1 304 Not Modified
ETag: "«etag»"
X-Cache: Hit from cloudfront
X-Amz-Cf-Id: «cf»
Set-Cookie: __cf_bm=«bm»; path=/; expires=Tue, 1«d»-Jun-25 10:«mm»:00 GMT; HttpOnly"""
    return body, dict(s=svc(r), cur=b64url(("{\"after\":%d}" % r.randint(1000, 99999)).encode()), o=org(r), etag=hexs(r, 32),
                      rid=uuid4(r), tr=hexs(r, 32), sp=hexs(r, 16), cf=alnum_end(r, b64url(rb(r, 42))), bm=rs(r, URLSAFE + ".", 43),
                      d=r.randint(0, 9), mm=r.randint(10, 59))


@N("neg-postman-vars", "postman", 2)
def _(r):
    body = """{
  "info": { "_postman_id": "«pid»", "name": "«o» public API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  "auth": { "type": "bearer", "bearer": [ { "key": "token", "value": "{{accessToken}}", "type": "string" } ] },
  "item": [ { "name": "List orders", "request": { "method": "GET", "header": [ { "key": "x-api-key", "value": "{{apiKey}}" } ], "url": "{{baseUrl}}/v1/orders?limit=20" } } ],
  "variable": [ { "key": "baseUrl", "value": "https://api.«o».io" }, { "key": "apiKey", "value": "" } ]
}"""
    return fence(r, "json", body, 0.4), dict(pid=uuid4(r), o=org(r))


CHAT_NEG = [
    "I rotated the Stripe key this morning, the new one is in 1Password under 'billing-prod'. Don't paste it here pls.",
    "the token starts with ghp_ but I'm not going to paste it in chat obviously, DM me",
    "Weißt du, wo der neue API-Schlüssel liegt? Ich finde ihn nicht im Vault unter kv/«s».",
    "¿Alguien sabe por qué el webhook de Slack devuelve 404? El ID de la petición es «rid».",
    "本番のDBパスワードはSecrets Managerに移動しました。ARNは arn:aws:secretsmanager:ap-northeast-1:«acct»:secret:prod/«s»/db-«sfx» です。",
    "commit «sha» broke the build, reverting. the failing test id is «rid»",
    "can you check why `kubectl get secret «s»-db -o yaml` shows an empty data field? the secret uid is «uid»",
    "FYI the AWS key for the importer was deactivated (key id ends in …«k4»), new one is in SSM at /«s»/aws/access-key",
    "our OpenAI usage spiked, org id org-«oid», project proj_«pj» — anyone running a loop?",
    "la contraseña de la base de datos ahora viene de la variable DB_PASSWORD, no la pongas en el código",
]


@N("neg-chat", "chat", 5)
def _(r):
    a, b = r.sample(USERS, 2)
    msgs = r.sample(CHAT_NEG, 2)
    body = "[%02d:%02d] %s: %s\n[%02d:%02d] %s: %s" % (r.randint(8, 18), r.randint(0, 59), a, msgs[0],
                                                        r.randint(8, 18), r.randint(0, 59), b, msgs[1])
    if r.random() < 0.3:
        body = "Summarize this thread:\n\n" + body
    return body, dict(s=svc(r), rid=uuid4(r), acct=r.randint(10 ** 11, 10 ** 12 - 1), sfx=rs(r, ALNUM, 6), sha=sha1(r),
                      uid=uuid4(r), k4=rs(r, UPPER + DIGITS, 4), oid=rs(r, ALNUM, 24), pj=rs(r, ALNUM, 24))


@N("neg-email", "email", 3)
def _(r):
    body = """From: noreply@«o».io
To: «u»@«o2».com
Subject: Your order «ord» has shipped
Message-ID: <«mid»@«o».io>
List-Unsubscribe: <https://mail.«o».io/u/«tok»>

Hi «U»,

your order «ord» is on its way. Tracking number: 1Z«trk».
Invoice: https://billing.«o».io/invoices/in_«inv»?locale=en

Reset your password any time at https://«o».io/account/security (links expire after 24 hours).

— The «O» team"""
    o = org(r)
    u = user(r)
    return body, dict(o=o, o2=org(r), u=u, U=u.capitalize(), O=o.capitalize(), ord="#%d-%d" % (r.randint(100, 999), r.randint(1000000, 9999999)),
                      mid="%s.%s" % (hexs(r, 16), hexs(r, 8)), tok=alnum_end(r, b64url(rb(r, 18))),
                      trk=rs(r, UPPER + DIGITS, 16), inv=rs(r, ALNUM, 24))


@N("neg-runbook-placeholders", "markdown-runbook", 3)
def _(r):
    body = """## Local setup

1. Create a key at https://platform.openai.com/api-keys and export it:
   ```bash
   export OPENAI_API_KEY="<your key here>"
   export ANTHROPIC_API_KEY="sk-ant-..."
   ```
2. For the GitHub CLI use `gh auth login` (do **not** paste `ghp_...` tokens into `.env`).
3. Database: `DATABASE_URL=postgres://«s»:${PGPASSWORD}@localhost:5432/«s»`
4. Stripe test mode: use the *test* publishable key `pk_test_...` and the secret from `stripe login`.

Tokens look like `xoxb-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX`; never commit them."""
    return body, dict(s=svc(r))


@N("neg-jupyter-outputs", "jupyter", 2)
def _(r):
    png = b64(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rb(r, 300))
    body = """{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 7,
   "id": "«cid»",
   "metadata": {},
   "outputs": [
    {
     "data": {
      "image/png": "«png»",
      "text/plain": ["<Figure size 640x480 with 1 Axes>"]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "client = OpenAI(api_key=os.environ[\\"OPENAI_API_KEY\\"])\\n",
    "df.plot(x=\\"date\\", y=\\"tokens\\")"
   ]
  }
 ],
 "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {"«wid»": {"model_name": "LayoutModel"}}}}},
 "nbformat": 4,
 "nbformat_minor": 5
}"""
    return body, dict(cid=hexs(r, 8), png=png, wid=hexs(r, 32))


@N("neg-properties-placeholders", "properties", 2)
def _(r):
    s = svc(r)
    body = """spring.datasource.url=jdbc:postgresql://${DB_HOST:localhost}:5432/«s»
spring.datasource.username=${DB_USER:«s»}
spring.datasource.password=${DB_PASSWORD:}
app.jwt.secret=${JWT_SECRET}
app.api-key-header=X-Api-Key
app.password-min-length=12
app.token-endpoint=https://auth.«o».io/oauth2/token
spring.cloud.vault.token=${VAULT_TOKEN}"""
    return fence(r, "properties", body), dict(s=s, o=org(r))


@N("neg-npmrc-env", "npmrc", 2)
def _(r):
    body = """@«o»:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}
//registry.npmjs.org/:_authToken=${NPM_TOKEN}
engine-strict=true
package-lock=true"""
    return fence(r, "ini", body, 0.4), dict(o=org(r))


@N("neg-docker-config-credstore", "docker-config", 1)
def _(r):
    body = """{
  "auths": {
    "«acct».dkr.ecr.«reg».amazonaws.com": {},
    "ghcr.io": {}
  },
  "credsStore": "osxkeychain",
  "credHelpers": { "«acct».dkr.ecr.«reg».amazonaws.com": "ecr-login" },
  "currentContext": "desktop-linux"
}"""
    return fence(r, "json", body, 0.5), dict(acct=r.randint(10 ** 11, 10 ** 12 - 1), reg=r.choice(AWS_REGIONS))


@N("neg-ids-in-code", "python", 3)
def _(r):
    v = r.choice(["py", "go", "ts"])
    if v == "py":
        body = """NAMESPACE_TENANTS = uuid.UUID("«u1»")
DEFAULT_ORG_ID = "«u2»"
CACHE_KEY_SALT_VERSION = 3
BRAND_COLORS = {"primary": "#«c1»", "accent": "#«c2»"}
EXPECTED_SCHEMA_SHA256 = "«h»\""""
        return fence(r, "python", body), dict(u1=uuid4(r), u2=uuid4(r), c1=hexs(r, 6), c2=hexs(r, 6), h=sha256(r))
    if v == "go":
        body = """const (
	migrationsChecksum = "«h»"
	defaultTraceID     = "«t»"
	buildCommit        = "«c»"
)"""
        return fence(r, "go", body), dict(h=sha256(r), t=hexs(r, 32), c=sha1(r))
    body = """export const FEATURE_FLAGS_ETAG = '«e»';
export const SEGMENT_WRITE_KEY_NAME = 'SEGMENT_WRITE_KEY'; // value injected at build time
export const sentryRelease = '«s»@«c»';"""
    return fence(r, "typescript", body), dict(e=hexs(r, 40), s=svc(r), c=sha1(r)[:12])


@N("neg-shell-history", "shell-history", 3)
def _(r):
    s, o = svc(r), org(r)
    cmds = ["export AWS_PROFILE=%s-prod" % o, "aws sts get-caller-identity", "aws sso login --profile %s-prod" % o,
            "gh auth status", "vault kv get -field=password kv/%s/db | pbcopy" % s, "op read op://Engineering/%s/token" % s,
            "kubectl -n %s get secrets" % s, "git rev-parse HEAD", "docker pull ghcr.io/%s/%s@%s" % (o, s, docker_digest(r)),
            "export PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id %s/db --query SecretString --output text)" % s,
            "sha256sum dist/*.tgz", "git cherry-pick %s" % sha1(r)[:10], "terraform plan -var-file=prod.tfvars"]
    start = r.randint(100, 2000)
    return "\n".join("%5d  %s" % (start + i, c) for i, c in enumerate(r.sample(cmds, 7))), {}


@N("neg-pem-placeholder", "markdown-runbook", 2)
def _(r):
    body = r.choice([
        "Paste the key in this format:\n\n```\n-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----\n```\n\nand make sure the file has mode 600.",
        "```yaml\ntls:\n  key: |\n    -----BEGIN PRIVATE KEY-----\n    <contents of tls.key>\n    -----END PRIVATE KEY-----\n```",
    ])
    return body, {}


@N("neg-aws-iam-output", "json-api", 2)
def _(r):
    u = user(r)
    body = """$ aws iam list-access-keys --user-name «u»
{
    "AccessKeyMetadata": [
        {
            "UserName": "«u»",
            "AccessKeyId": "AKIA****************",
            "Status": "Inactive",
            "CreateDate": "2023-0«m»-1«d»T09:1«x»:00+00:00"
        }
    ]
}
$ aws iam get-user --user-name «u»
{
    "User": {
        "Path": "/",
        "UserName": "«u»",
        "UserId": "AIDA«uid»",
        "Arn": "arn:aws:iam::«acct»:user/«u»"
    }
}"""
    return body, dict(u=u, m=r.randint(1, 9), d=r.randint(0, 9), x=r.randint(0, 9), uid=rs(r, B32ISH, 17),
                      acct=r.randint(10 ** 11, 10 ** 12 - 1))


@N("neg-gcp-sa-redacted", "gcp-key-file", 1)
def _(r):
    p = "%s-%s-%d" % (org(r), svc(r), r.randint(100000, 999999))
    body = """{
  "type": "service_account",
  "project_id": "«p»",
  "private_key_id": "«kid»",
  "private_key": "-----BEGIN PRIVATE KEY-----\\n[REDACTED]\\n-----END PRIVATE KEY-----\\n",
  "client_email": "ci@«p».iam.gserviceaccount.com",
  "client_id": "«cid»"
}

^ that's the structure (key redacted). Which IAM role does it need for Artifact Registry?"""
    return body, dict(p=p, kid=hexs(r, 40), cid=str(r.randint(10 ** 20, 10 ** 21 - 1)))


@N("neg-api-json-response", "json-api", 2)
def _(r):
    body = """{
  "id": "«id»",
  "object": "deployment",
  "status": "succeeded",
  "commit_sha": "«sha»",
  "image_digest": "«dg»",
  "artifact_checksum": "«cs»",
  "triggered_by": {"user_id": "«uid»", "session": "«sess»"},
  "links": {"self": "/v1/deployments/«id»", "logs": "/v1/deployments/«id»/logs?cursor=«cur»"}
}"""
    return body, dict(id="dep_" + rs(r, ALNUM, 20), sha=sha1(r), dg=docker_digest(r), cs=integrity(r, "sha256"),
                      uid=uuid4(r), sess=hexs(r, 40), cur=b64url(rb(r, 18)))


@N("neg-oauth-client-config", "yaml-config", 2)
def _(r):
    body = """oauth:
  issuer: https://login.«o».io/
  client_id: «cid»
  client_secret: ${OIDC_CLIENT_SECRET}
  redirect_uri: https://«s».«o».io/callback
  scopes: [openid, profile, email]
  pkce: true
  jwks_cache_ttl: 3600
  state_cookie: __Host-«s»-state"""
    return fence(r, "yaml", body), dict(o=org(r), cid=r.choice([uuid4(r), rs(r, ALNUM, 32)]), s=svc(r))


@N("neg-helm-template", "helm-values", 2)
def _(r):
    body = """apiVersion: v1
kind: Secret
metadata:
  name: {{ include "«s».fullname" . }}
type: Opaque
data:
  password: {{ .Values.db.password | b64enc | quote }}
  api-key: {{ required "apiKey is required" .Values.apiKey | b64enc }}
---
# values.yaml
db:
  password: ""   # set with --set db.password=...
apiKey: ""
image:
  digest: «dg»"""
    return fence(r, "yaml", body), dict(s=svc(r), dg=docker_digest(r))


@N("neg-webpack-manifest", "json-api", 2)
def _(r):
    files = ["main", "vendors", "runtime", "checkout"]
    body = "{\n" + ",\n".join('  "%s.js": "/static/js/%s.%s.js"' % (f, f, hexs(r, 8)) for f in files) + \
           ',\n  "main.css": "/static/css/main.%s.css",\n  "buildHash": "%s"\n}' % (hexs(r, 8), hexs(r, 20))
    return body, {}


@N("neg-uuid-config", "yaml-config", 2)
def _(r):
    body = """tenants:
  - id: «u1»
    name: «o»
    region: «reg»
    kms_key: arn:aws:kms:«reg»:«acct»:key/«u2»
  - id: «u3»
    name: «o2»
    region: «reg»
feature_flags_version: «v»
schema_hash: «h»"""
    return fence(r, "yaml", body), dict(u1=uuid4(r), o=org(r), reg=r.choice(AWS_REGIONS), acct=r.randint(10 ** 11, 10 ** 12 - 1),
                                          u2=uuid4(r), u3=uuid4(r), o2=org(r), v=r.randint(10, 400), h=sha256(r))


@N("neg-i18n-docs", "markdown-runbook", 2)
def _(r):
    body = r.choice([
        "## Zugangsdaten\n\nAlle Passwörter liegen im Vault unter `kv/«s»/*`. Für lokale Tests reicht `DB_PASSWORD=changeme` in der `.env`.\nDie Mandanten-ID ist «u».",
        "## 認証について\n\nAPIキーは環境変数 `OPENAI_API_KEY` から読み込みます。コードに直接書かないでください。リクエストIDの例: «u»",
        "## Credenciales\n\nEl token de GitHub se obtiene con `gh auth token`; nunca lo pegues en el chat. Commit de referencia: «sha».",
    ])
    return body, dict(s=svc(r), u=uuid4(r), sha=sha1(r))


@N("neg-wrong-names-high-entropy", "yaml-config", 2)
def _(r):
    body = """cache:
  key_prefix: «s»:v3
  etag: "«etag»"
build:
  commit: «sha»
  digest: «dg»
  nonce_header: X-Request-Nonce
tracing:
  sampler: parentbased_traceidratio
  example_trace_id: «tr»
secret_name: «s»-credentials
token_ttl_seconds: 900"""
    return fence(r, "yaml", body), dict(s=svc(r), etag=hexs(r, 32), sha=sha1(r), dg=docker_digest(r), tr=hexs(r, 32))


@N("neg-curl-env", "curl", 3)
def _(r):
    body = r.choice([
        """curl https://api.openai.com/v1/responses \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "gpt-4o-mini", "input": "ping"}'""",
        'curl https://api.stripe.com/v1/customers/cus_«c» -u "${STRIPE_SECRET_KEY}:"',
        'curl -sS -H "PRIVATE-TOKEN: $(cat ~/.config/gitlab/token)" "https://gitlab.«o».com/api/v4/projects?search=«s»"',
        """curl -H "x-api-key: ${ANTHROPIC_API_KEY:?missing}" -H "anthropic-version: 2023-06-01" https://api.anthropic.com/v1/models""",
    ])
    return fence(r, "bash", body, 0.5), dict(c=rs(r, ALNUM, 14), o=org(r), s=svc(r))


@N("neg-git-remote-ssh", "shell", 2)
def _(r):
    body = """$ git remote -v
origin	git@github.com:«o»/«s».git (fetch)
origin	git@github.com:«o»/«s».git (push)
$ git ls-remote origin HEAD
«sha»	HEAD
$ ssh -T git@github.com
Hi «u»! You've successfully authenticated, but GitHub does not provide shell access."""
    return body, dict(o=org(r), s=svc(r), sha=sha1(r), u=user(r))


@N("neg-go-env", "go", 1)
def _(r):
    body = """func mustEnv(k string) string {
	v, ok := os.LookupEnv(k)
	if !ok {
		log.Fatalf("missing %s", k)
	}
	return v
}

var (
	slackToken = mustEnv("SLACK_BOT_TOKEN")
	dsn        = fmt.Sprintf("postgres://%s:%s@%s/«s»", mustEnv("PGUSER"), url.QueryEscape(mustEnv("PGPASSWORD")), mustEnv("PGHOST"))
	buildSHA   = "«sha»"
)"""
    return fence(r, "go", body, 0.5), dict(s=svc(r), sha=sha1(r))


@N("neg-php-env", "php", 1)
def _(r):
    body = """<?php
$pdo = new PDO(
    sprintf('pgsql:host=%s;dbname=«s»', getenv('DB_HOST')),
    getenv('DB_USER'),
    getenv('DB_PASSWORD'),
);
\\Stripe\\Stripe::setApiKey($_ENV['STRIPE_SECRET_KEY']);
$etag = '«e»';"""
    return fence(r, "php", body, 0.5), dict(s=svc(r), e=hexs(r, 32))


@N("neg-csharp-env", "csharp", 1)
def _(r):
    body = """var blob = new BlobServiceClient(new Uri("https://st«o»«n».blob.core.windows.net"), new DefaultAzureCredential());
var sb = new ServiceBusClient("«o»-bus.servicebus.windows.net", new DefaultAzureCredential());
var correlationId = Guid.Parse("«u»");
logger.LogInformation("container {Name} ready, etag {ETag}", "uploads", "0x8DC«etag»");"""
    return fence(r, "csharp", body, 0.5), dict(o=org(r), n=r.randint(10, 99), u=uuid4(r), etag=rs(r, "0123456789ABCDEF", 13))


@N("neg-github-docs-example", "markdown-runbook", 1)
def _(r):
    body = """GitHub's docs show the response of the user-token exchange like this:

```json
{
  "access_token": "«a»",
  "expires_in": 28800,
  "refresh_token": "«b»",
  "refresh_token_expires_in": 15811200,
  "scope": "",
  "token_type": "bearer"
}
```

Do I need to store `refresh_token_expires_in` myself?"""
    return body, dict(a=GITHUB_DOCS_GHU, b=GITHUB_DOCS_GHR)


# ==========================================================================
# main
# ==========================================================================
def build():
    rows, seen = [], set()
    for name, ctx, fn, count, positive in REG:
        for i in range(count):
            attempt = 0
            while True:
                r = random.Random("%s|%s|%d|%d" % (SEED, name, i, attempt))
                tpl, vals = fn(r)
                text, spans = render(tpl, vals)
                if text not in seen:
                    break
                attempt += 1
            if bool(spans) != positive:
                raise AssertionError("template %s #%d: positive=%s but %d spans" % (name, i, positive, len(spans)))
            seen.add(text)
            rows.append({"text": text, "spans": spans, "template": name, "context": ctx})
    random.Random(SEED + "|order").shuffle(rows)
    return rows


def main():
    rows = build()
    data_path = os.path.join(HERE, "secrets-probe-2.jsonl")
    meta_path = os.path.join(HERE, "secrets-probe-2.meta.jsonl")
    with open(data_path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps({"text": row["text"], "spans": row["spans"]}, ensure_ascii=False) + "\n")
    with open(meta_path, "w", encoding="utf-8", newline="\n") as f:
        for i, row in enumerate(rows, 1):
            f.write(json.dumps({"line": i, "template": row["template"], "context": row["context"],
                                "has_secret": bool(row["spans"])}, ensure_ascii=False) + "\n")
    n_spans = sum(len(r["spans"]) for r in rows)
    n_neg = sum(1 for r in rows if not r["spans"])
    print("wrote %d texts, %d spans, %d texts without secrets" % (len(rows), n_spans, n_neg))


if __name__ == "__main__":
    main()
