"""One provider call from request to answer: latency, fault decision, the call itself, logging."""

import time

from .fault_answers import answer_after, answer_before
from .http import Hang, Reset
from .requestlog import mask, masked_query


def serve(sandbox, provider, request):
    """Answer a request under a provider prefix; returns a Response, Reset or Hang."""
    route = provider.route(request)
    if sandbox.latency_ms:
        time.sleep(sandbox.latency_ms / 1000.0)
    if not sandbox.limiter.allow(provider.name):
        answer = provider.error_response(429, "Too many requests")
        answer.headers["Retry-After"] = str(sandbox.limiter.retry_after(provider.name))
        sandbox.log.record(provider=provider.name, operation=route.operation, method=request.method, path=request.path,
                           query=masked_query(request.query, provider.secret_params), page=route.page,
                           order_id=route.order_id, status=429, fault="rate_limited", committed=False, params={})
        return answer
    rule = sandbox.faults.pick(provider.name, route.operation, route.order_id, route.listing, route.page)
    committed = False
    if rule is not None and rule.kind == "latency":
        time.sleep(rule.params["ms"] / 1000.0)
    if rule is None or rule.kind == "latency":
        outcome = route.run()
        answer, committed = outcome.response, outcome.committed
    elif rule.commits:
        outcome = route.run()
        answer, committed = answer_after(rule, outcome, provider), outcome.committed
    else:
        answer = answer_before(rule, provider)
    sandbox.log.record(
        provider=provider.name, operation=route.operation, method=request.method, path=request.path,
        query=masked_query(request.query, provider.secret_params), page=route.page,
        order_id=route.order_id, status=status_of(answer), fault=rule.kind if rule else None, committed=committed,
        params=mask({**request.query, **_merge(request)}, provider.secret_params),
    )
    return answer


def status_of(answer):
    """HTTP status for the log, or what happened instead of a response."""
    if isinstance(answer, Reset):
        return "reset"
    if isinstance(answer, Hang):
        return "hang"
    return answer.status


def _merge(request):
    """Form values appended after query values of the same name, so the log shows both."""
    return {name: request.query.get(name, []) + values for name, values in request.form.items()}
