"""The private S3-compatible bucket for uploads, as production configures it.

A function rather than settings, so that the S3 tests run the very options
production uses, against a local S3 server.
"""

from botocore.config import Config

# A bucket that does not answer holds a worker (and /healthz/ready) for seconds,
# not for botocore's default of a minute per attempt.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 60
ATTEMPTS = 3


def private_bucket(
    *, bucket_name, endpoint_url=None, region_name=None, access_key=None, secret_key=None, expire
):
    """``STORAGES["default"]`` for a bucket whose objects are never public.

    No custom domain: django-storages would then build plain, unsigned URLs.
    Credentials left as None come from boto3's usual chain (e.g. an instance role).
    """
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "endpoint_url": endpoint_url,
            "region_name": region_name,
            "access_key": access_key,
            "secret_key": secret_key,
            # No ACL header: objects get S3's default, readable by the bucket owner only.
            # An explicit ACL (even "private") is refused by buckets with ACLs disabled,
            # which is how AWS creates buckets now.
            "default_acl": None,
            "file_overwrite": False,
            # Every URL the storage gives out is signed and short-lived.
            "querystring_auth": True,
            "querystring_expire": expire,
            # Signature V4: the expiry is part of what is signed (V2 is deprecated).
            # With a client_config, django-storages takes the signature from it only.
            "client_config": Config(
                signature_version="s3v4",
                connect_timeout=CONNECT_TIMEOUT,
                read_timeout=READ_TIMEOUT,
                retries={"max_attempts": ATTEMPTS, "mode": "standard"},
            ),
            # Whoever holds a signed URL gets nothing a proxy or browser may keep.
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
