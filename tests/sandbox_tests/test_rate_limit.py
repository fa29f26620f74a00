"""The sandbox's provider-wide rate limit: N calls per second, then 429 with Retry-After, nothing applied."""

from sandbox.client import SandboxProcess, http_request

FIXTURE = {"logicboxes": {"auth_userid": "1001", "api_key": "k-1234", "orders": [
    {"order_id": 1, "product": "ssl", "expires_in_days": 5, "price": "1.00"}]}}


def test_calls_beyond_the_limit_get_429_with_retry_after():
    with SandboxProcess(fixture=FIXTURE, rate_limit=5) as sandbox:
        url = sandbox.url + "/logicboxes/api/sslcert/details.json"
        statuses = [http_request("GET", url, params={"auth-userid": "1001", "api-key": "k-1234", "order-id": "1"})
                    for attempt in range(8)]
        codes = [answer[0] for answer in statuses]
        assert codes.count(200) == 5 and codes.count(429) == 3
        refused = next(answer[1] for answer in statuses if answer[0] == 429)
        assert int(dict((k.lower(), v) for k, v in refused.items())["retry-after"]) >= 1
        assert [entry["fault"] for entry in sandbox.requests()].count("rate_limited") == 3
