# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HostUp wire format, error mapping and the invoice guards, through the real client with a scripted session."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from results import Policy, RenewalFailed, describe, run_renewal
from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AuthError,
    NotFoundError,
    ProviderError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import PAYMENT_WAIT, V2_HOSTING, V2_VPS
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import (
    HostUpClient,
    InvoiceBlockingError,
    PaymentRunningError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.v1 import HostUpV1Account
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.v2 import HostUpV2Service


from fakes import Fault, ScriptedSession, reply

KEY = 'hu-secret-key/+='
URL = 'https://cloud.hostup.se/api'
NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


class Session(ScriptedSession):
    """ScriptedSession that also records JSON bodies."""

    def request(self, method, url, params=None, data=None, json=None, headers=None, **kwargs):
        answer = super(Session, self).request(method, url, params=params, data=data, json=json, headers=headers, **kwargs)
        self.sent[-1]['json'] = json
        return answer


class Clock:
    """A fake monotonic clock that sleeping advances."""

    def __init__(self):
        self.now = 0.0
        self.slept = []

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def params(**overrides):
    base = dict(api_key=KEY, api_url=URL, timeout=5.0, validate_certs=True, ca_path=None)
    base.update(overrides)
    return base


def v1(session, account_id='20000', pay_invoice=False, list_invoices=False, clock=None):
    clock = clock or Clock()
    client = HostUpClient(params(), session=session, sleep=clock.sleep)
    return HostUpV1Account(client, account_id, pay_invoice=pay_invoice, list_invoices=list_invoices, sleep=clock.sleep, clock=clock)


def v2(session, account_id='vps_a1', resource=V2_VPS, pay_invoice=False, clock=None):
    clock = clock or Clock()
    client = HostUpClient(params(), session=session, sleep=clock.sleep)
    return HostUpV2Service(client, account_id, resource, pay_invoice=pay_invoice, sleep=clock.sleep, clock=clock)


def envelope(data):
    return {'success': True, 'timestamp': '2026-02-10T00:00:00.000Z', 'requestId': 'r-1', 'data': data}


def v1_error(status, code, message='Could not refresh pricing for this service. Please try again later.'):
    return reply(status, {'code': code, 'error': 'Internal Server Error', 'message': message,
                          'requestId': '2121ae20-bd9d-41e9-aeeb-5dd1dd1a24ba', 'timestamp': '2026-02-10T00:00:00.000Z'})


def problem(status, code, **extra):
    body = {'type': 'https://developer.hostup.se/errors/' + code, 'title': 'Conflict', 'status': status,
            'detail': 'Det finns redan en obetald faktura.', 'code': code, 'instance': '/api/v2/vps/vps_a1/actions/renew',
            'requestId': 'req_77', 'timestamp': '2026-04-27T12:34:56.000Z'}
    body.update(extra)
    return reply(status, body)


def accounts(next_due='2026-12-01', **row):
    base = {'id': '20000', 'domain': 'web.example.se', 'billingcycle': 'Monthly', 'status': 'Active', 'total': '99.00',
            'next_due': next_due, 'expires': next_due}
    base.update(row)
    return reply(200, envelope({'accounts': [{'id': '19999', 'next_due': '2026-11-22', 'total': '99.00'}, base]}))


def invoice_list(*rows, **page):
    data = {'invoices': list(rows), 'hasMore': False, 'total': len(rows), 'pages': 1, 'currentPage': 1}
    data.update(page)
    return reply(200, envelope(data))


def invoice_row(invoice_id, total='99.00', status='Unpaid', duedate='2026-12-01'):
    return {'id': str(invoice_id), 'status': status, 'duedate': duedate, 'total': total, 'formatted_id': str(invoice_id)}


def invoice_detail(invoice_id, *account_ids, **fields):
    invoice = dict(invoice_row(invoice_id), items=[{'type': 'Hosting', 'item_id': str(account), 'description': 'x'}
                                                   for account in account_ids])
    invoice.update(fields)
    return reply(200, envelope({'invoice': invoice}))


def vps_details(next_due='2026-12-01T00:00:00.000Z', **billing):
    base = {'amount': 99, 'currencyCode': 'SEK', 'billingCycle': 'monthly', 'isPayg': False}
    base.update(billing)
    return reply(200, {'id': 'vps_a1', 'serviceStatus': 'active', 'nextDueAt': next_due, 'billing': base})


def blocking(*invoices):
    return reply(200, {'currentBillingCycle': 'monthly', 'cycles': [], 'blockingInvoices': list(invoices)})


def v2_invoice(invoice_id='inv_501', status='unpaid'):
    return {'id': invoice_id, 'number': invoice_id[4:], 'amount': 99, 'currencyCode': 'SEK', 'dueAt': '2026-12-01T00:00:00.000Z',
            'status': status, 'paymentUrl': '/billing?invoice=' + invoice_id[4:]}


# -- v1 ---------------------------------------------------------------------------------------

def test_v1_reads_client_accounts_with_the_key_in_a_header_only():
    session = Session(accounts())
    state = v1(session).read_state()
    sent = session.sent[0]
    assert sent['method'] == 'GET' and sent['url'] == URL + '/client-accounts' and KEY not in sent['url']
    assert sent['headers']['X-API-Key'] == KEY and sent['headers']['Accept'] == 'application/json'
    assert 'Authorization' not in sent['headers']
    assert state.expires_at == datetime.datetime(2026, 12, 1, tzinfo=UTC) and state.renewable
    assert state.extra['billing_cycle'] == 'monthly' and state.extra['amount'] == 99.0 and state.extra['currency'] == 'SEK'


def test_v1_unknown_account_is_not_found():
    with pytest.raises(NotFoundError, match='20001'):
        v1(Session(accounts()), account_id='20001').read_state()


def test_v1_guard_matches_unpaid_invoices_by_items_never_by_amount():
    session = Session(
        accounts(),
        invoice_list(invoice_row(700), invoice_row(701), hasMore=True),
        invoice_detail(700, 19999),              # same amount, other service: not ours
        invoice_detail(701, 19999, 20000),       # consolidated invoice with a line for us
        invoice_list(invoice_row(702, status='Paid'), currentPage=2),
    )
    api = v1(session)
    pending = api.find_pending(api.read_state())
    assert pending.source == 'invoices' and pending.invoice['id'] == '701' and pending.invoice['status'] == 'unpaid'
    search = session.sent[1]
    assert search['method'] == 'POST' and search['url'] == URL + '/billing/invoices'
    assert search['json'] == {'filters': {'status': 'Unpaid', 'limit': 50, 'page': 1}, 'skipCache': True}
    assert session.sent[4]['json']['filters']['page'] == 2
    assert [sent['url'] for sent in session.sent[2:4]] == [URL + '/billing/invoice/700', URL + '/billing/invoice/701']


def test_v1_invoice_without_items_stops_the_renewal():
    session = Session(accounts(), invoice_list(invoice_row(700)), reply(200, envelope({'invoice': invoice_row(700)})))
    api = v1(session)
    with pytest.raises(ProviderError) as caught:
        api.find_pending(api.read_state())
    assert caught.value.code == 'invoice_items_unknown' and 'nothing was renewed' in caught.value.message


def test_v1_renew_posts_once_without_a_body_and_reports_the_invoice():
    seed_reply = envelope({'success': True, 'invoiceId': '49961', 'message': 'Renewal invoice generated successfully',
                           'info': ['Invoice sent to client', 'Invoice generated'], 'serviceType': '3',
                           'raw': {'success': True, 'invoice_id': '49961', 'call': 'generateNextInvoice'}})
    session = Session(accounts(), reply(200, seed_reply))
    api = v1(session)
    receipt = api.place_renewal(api.read_state())
    sent = session.sent[1]
    assert sent['method'] == 'POST' and sent['url'] == URL + '/services/20000/renew'
    assert sent['json'] is None and sent['data'] is None and sent['headers']['Content-Type'] == 'application/json'
    assert receipt.in_flight and receipt.invoice['id'] == '49961' and receipt.invoice['status'] == 'unpaid'
    assert receipt.expires_after == datetime.datetime(2027, 1, 1, tzinfo=UTC)


def test_v1_internal_error_on_renew_is_an_unknown_outcome_with_the_provider_code():
    session = Session(accounts(), v1_error(500, 'INTERNAL_ERROR'))
    api = v1(session)
    with pytest.raises(UnknownOutcomeError) as caught:
        api.place_renewal(api.read_state())
    error = caught.value.as_dict()
    assert caught.value.may_still_commit is False
    assert error['provider_code'] == 'INTERNAL_ERROR' and error['request_id'] == '2121ae20-bd9d-41e9-aeeb-5dd1dd1a24ba'
    assert error['http_status'] == 500 and 'outcome is unknown' in error['message']


def test_v1_internal_error_on_a_read_is_retried_then_reported_with_its_code():
    session = Session(*[v1_error(500, 'INTERNAL_ERROR')] * 4)
    with pytest.raises(ProviderError) as caught:
        v1(session).read_state()
    assert len(session.sent) == 4
    assert caught.value.as_dict()['provider_code'] == 'INTERNAL_ERROR' and '4 attempts' in caught.value.message


def test_v1_reset_after_renew_rereads_and_never_posts_again():
    """The engine re-reads after a lost reply: the new invoice shows, so nothing more is sent."""
    reset = Fault('reset')
    session = Session(accounts(), invoice_list(), reset,
                      accounts(next_due='2027-01-01'), invoice_list(invoice_row(49961)), invoice_detail(49961, 20000))
    result = run_renewal(v1(session), Policy(now=NOW))
    assert result['changed'] and result['pending'] and result['invoice']['id'] == '49961'
    assert 're-read shows the renewal was placed' in result['msg']
    assert [sent['url'] for sent in session.sent].count(URL + '/services/20000/renew') == 1


def test_v1_existing_invoice_means_no_renew_call():
    session = Session(accounts(), invoice_list(invoice_row(800)), invoice_detail(800, 20000))  # a renew call would fail here
    result = run_renewal(v1(session), Policy(now=NOW, force=True))
    assert result['changed'] is False and result['outcome'] == 'awaiting_payment' and result['invoice']['id'] == '800'


def test_v1_unpaid_renewal_stays_awaiting_payment_after_the_due_date_moved():
    # HostBill moved next_due a cycle on when it made the invoice; the paid period still ends on the old date
    moved = accounts(next_due='2027-01-01', expires='2026-12-01')
    session = Session(moved, invoice_list(invoice_row(801, duedate='2026-12-01')), invoice_detail(801, 20000))
    result = run_renewal(v1(session), Policy(now=NOW))
    assert result['outcome'] == 'awaiting_payment' and result['changed'] is False
    assert result['awaiting_payment'] == {'invoice_id': '801', 'order_id': None, 'amount': 99.0, 'currency': 'SEK',
                                          'due_at': '2026-12-01T00:00:00Z', 'runs_out_at': '2026-12-01T00:00:00Z'}


def test_v1_paid_ahead_is_not_due_without_an_invoice_lookup():
    session = Session(accounts(next_due='2027-01-01'))  # an invoice lookup would fail here: nothing scripted for it
    assert run_renewal(v1(session), Policy(now=NOW))['outcome'] == 'not_due' and len(session.sent) == 1


def test_v1_pay_sends_the_documented_body_and_waits_until_paid():
    clock = Clock()
    session = Session(accounts(), invoice_list(invoice_row(800)), invoice_detail(800, 20000),
                      invoice_detail(800, 20000),                                        # status before paying: Unpaid
                      reply(200, envelope({'message': 'Function has been scheduled for execution'})),
                      invoice_detail(800, 20000), invoice_detail(800, 20000, status='Paid'),
                      accounts(next_due='2027-01-01'))
    result = run_renewal(v1(session, pay_invoice=True, clock=clock), Policy(now=NOW))
    pay = session.sent[4]
    assert pay['url'] == URL + '/billing/pay' and pay['json'] == {'invoiceId': '800', 'cardId': 'primary'}
    assert result['changed'] and result['paid'] is True and result['pending'] is False
    assert result['invoice']['status'] == 'paid' and result['expires_after'] == '2027-01-01T00:00:00Z'
    assert clock.slept == [1.0]


def test_payment_that_never_shows_paid_gives_up_within_the_bound_without_paying_again():
    clock = Clock()
    unpaid = [invoice_detail(800, 20000) for _poll in range(int(PAYMENT_WAIT) + 2)]
    session = Session(accounts(), invoice_list(invoice_row(800)), invoice_detail(800, 20000),
                      invoice_detail(800, 20000), reply(200, envelope({})), *unpaid)
    result = run_renewal(v1(session, pay_invoice=True, clock=clock), Policy(now=NOW))
    assert result['paid'] is False and result['pending'] is True and 'did not show it paid' in result['msg']
    assert [sent['url'] for sent in session.sent].count(URL + '/billing/pay') == 1
    assert clock.now <= PAYMENT_WAIT


# -- v2 ---------------------------------------------------------------------------------------

def test_v2_reads_details_with_a_bearer_token():
    session = Session(vps_details())
    state = v2(session).read_state()
    sent = session.sent[0]
    assert sent['url'] == URL + '/v2/vps/vps_a1/details' and sent['headers']['Authorization'] == 'Bearer ' + KEY
    assert 'X-API-Key' not in sent['headers']
    assert state.expires_at == datetime.datetime(2026, 12, 1, tzinfo=UTC) and state.extra['api'] == 'v2'


def test_v2_payg_vps_has_nothing_to_renew():
    state = v2(Session(vps_details(next_due=None, isPayg=True))).read_state()
    assert state.renewable is False and 'pay-as-you-go' in state.not_renewable_reason and state.extra['payg'] is True
    with pytest.raises(RenewalFailed) as caught:
        run_renewal(v2(Session(vps_details(next_due=None, isPayg=True))), Policy(now=NOW, force=True))
    assert caught.value.outcome.to_result()['error']['code'] == 'not_renewable'


def test_v2_hosting_blocking_invoices_come_with_the_account():
    body = {'id': 'acct_b2', 'serviceStatus': 'active', 'nextDueAt': '2026-11-25T00:00:00.000Z', 'expiresAt': '2026-11-25T00:00:00Z',
            'billing': {'amount': 1188, 'currencyCode': 'SEK', 'billingCycle': 'annually'},
            'billingCycleState': {'blockingInvoices': [v2_invoice('inv_9')]}}
    session = Session(reply(200, body))
    result = run_renewal(v2(session, 'acct_b2', V2_HOSTING), Policy(now=NOW))
    assert session.sent[0]['url'] == URL + '/v2/shared-hosting/acct_b2'
    assert result['outcome'] == 'awaiting_payment' and result['invoice']['id'] == 'inv_9' and len(session.sent) == 1


def test_v2_renew_sends_an_empty_object_and_reports_the_invoice():
    answer = {'vpsId': 'vps_a1', 'renewalScheduled': True, 'newExpiresAt': '2027-01-01T00:00:00.000Z',
              'billing': {'amount': 99, 'currencyCode': 'SEK'}, 'renewalInvoice': v2_invoice(), 'invoiceLookupPending': False}
    session = Session(vps_details(), blocking(), reply(200, answer))
    result = run_renewal(v2(session), Policy(now=NOW, max_price=100))
    renew = session.sent[2]
    assert session.sent[1]['url'] == URL + '/v2/vps/vps_a1/actions/billing-cycle'
    assert renew['method'] == 'POST' and renew['url'] == URL + '/v2/vps/vps_a1/actions/renew' and renew['json'] == {}
    assert result['changed'] and result['invoice']['id'] == 'inv_501' and result['expires_after'] == '2027-01-01T00:00:00Z'
    assert result['price'] == {'amount': 99.0, 'currency': 'SEK'}


def test_v2_409_existing_invoice_blocking_is_pending_with_the_invoice_from_the_answer():
    session = Session(vps_details(), blocking(),
                      problem(409, 'existing_invoice_blocking', extensions={'invoice': v2_invoice('inv_77')}),
                      vps_details(), blocking())  # the engine's re-read; HostUp does not list it (yet)
    result = run_renewal(v2(session), Policy(now=NOW))
    assert result['changed'] is False and result['pending'] is True and result['invoice']['id'] == 'inv_77'


def test_v2_lookup_pending_invoice_is_found_by_a_bounded_reread():
    clock = Clock()
    answer = {'vpsId': 'vps_a1', 'renewalScheduled': True, 'newExpiresAt': '2027-01-01T00:00:00.000Z',
              'renewalInvoice': None, 'invoiceLookupPending': True}
    session = Session(vps_details(), blocking(), reply(200, answer), blocking(), blocking(v2_invoice('inv_88')))
    result = run_renewal(v2(session, clock=clock), Policy(now=NOW))
    assert result['invoice']['id'] == 'inv_88' and clock.slept == [1.0, 1.0]


def test_v2_lookup_pending_gives_up_after_a_bounded_number_of_looks():
    answer = {'renewalInvoice': None, 'invoiceLookupPending': True}
    session = Session(vps_details(), blocking(), reply(200, answer), *[blocking()] * 5)
    result = run_renewal(v2(session), Policy(now=NOW))
    assert result['changed'] and result['invoice'] is None and 'invoiceLookupPending' in result['msg']


@pytest.mark.parametrize('status,code,may_still_commit', [
    (500, 'internal_error', False),
    (503, 'upstream_unavailable', False),
    (502, 'external_provider_failed', True),
    (502, 'upstream_something_new', True),
    (409, 'upstream_failed', True),
])
def test_v2_server_side_codes_on_renew_are_unknown_outcomes(status, code, may_still_commit):
    session = Session(vps_details(), problem(status, code))
    api = v2(session)
    with pytest.raises(UnknownOutcomeError) as caught:
        api.place_renewal(api.read_state())
    assert caught.value.may_still_commit is may_still_commit and caught.value.as_dict()['provider_code'] == code


@pytest.mark.parametrize('answer,error_class,code', [
    (problem(401, 'unauthorized'), AuthError, 'auth_error'),
    (problem(403, 'account_inactive'), AuthError, 'auth_error'),
    (problem(404, 'vps_not_found'), NotFoundError, 'not_found'),
    (problem(400, 'invalid_request'), ProviderError, 'provider_error'),
    (problem(409, 'invoice_payment_in_progress'), PaymentRunningError, 'payment_in_progress'),
    (problem(409, 'existing_invoice_blocking'), InvoiceBlockingError, 'already_pending'),
    (v1_error(401, 'UNAUTHORIZED', 'Ogiltig API-nyckel'), AuthError, 'auth_error'),
    (v1_error(400, 'BAD_REQUEST', 'Kunde inte uppdatera faktureringsperioden'), ProviderError, 'provider_error'),
    (reply(403, '<html>Access denied</html>'), AuthError, 'auth_error'),
    (reply(404, '<html>Not Found</html>'), NotFoundError, 'not_found'),
    (reply(200, {'success': False, 'code': 'BAD_REQUEST', 'message': 'x'}), ProviderError, 'provider_error'),
])
def test_errors_are_mapped_by_code_then_status_never_by_message(answer, error_class, code):
    api = v2(Session(answer))
    with pytest.raises(error_class) as caught:
        api.read_state()
    assert caught.value.__class__ is error_class and caught.value.code == code
    assert caught.value.details['http_status'] == answer.status_code


def test_v2_payment_already_running_is_never_paid_again():
    clock = Clock()
    session = Session(vps_details(), blocking(v2_invoice('inv_9')),
                      reply(200, {'data': [v2_invoice('inv_9')], 'nextCursor': None}),   # status before paying
                      problem(409, 'invoice_payment_in_progress'),
                      reply(200, {'data': [v2_invoice('inv_1')], 'nextCursor': 'c2'}),
                      reply(200, {'data': [v2_invoice('inv_9', status='paid')], 'nextCursor': None}),
                      vps_details(next_due='2027-01-01T00:00:00.000Z'), blocking())
    result = run_renewal(v2(session, pay_invoice=True, clock=clock), Policy(now=NOW))
    assert [sent['url'] for sent in session.sent].count(URL + '/v2/billing/invoices/inv_9/actions/pay') == 1
    assert session.sent[4]['params'] == {'limit': 100} and session.sent[5]['params'] == {'limit': 100, 'cursor': 'c2'}
    assert result['paid'] is True and 'already running' in result['msg'] and result['changed'] is True


def test_check_mode_with_pay_invoice_pays_nothing():
    session = Session(vps_details(), blocking(v2_invoice('inv_9')))
    result = run_renewal(v2(session, pay_invoice=True), Policy(now=NOW), check_mode=True)
    assert result['changed'] and 'would pay invoice inv_9' in result['msg'] and len(session.sent) == 2


def test_info_lists_every_unpaid_invoice():
    client = HostUpClient(params(), session=Session(vps_details(), blocking(v2_invoice('inv_2'), v2_invoice('inv_1'))))
    result = describe(HostUpV2Service(client, 'vps_a1', V2_VPS, list_invoices=True), Policy(now=NOW))
    assert [invoice['id'] for invoice in result['service']['unpaid_invoices']] == ['inv_2', 'inv_1']
    assert result['should_renew'] is False and result['pending'] is True


def test_the_key_never_reaches_an_error_message():
    session = Session(*[Fault('refused') for dummy in range(4)])
    with pytest.raises(Exception) as caught:
        v1(session).read_state()
    assert KEY not in str(caught.value)
