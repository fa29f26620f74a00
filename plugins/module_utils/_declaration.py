# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: what a provider package declares about itself.

Each provider package (``_logicboxes``, ``_hostup``, ``_vpsbg``) exports one ``PROVIDER`` from its
``provider.py``: the fleet targets (which module renews which service, and how an inventory order becomes
that module's options), the inventory listing, the listing a fleet run takes at its start, and the connection options. The fleet dispatch and the
inventory plugin read these through ``_registry``; nothing outside the package names its internals.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._options import check_common, check_secret

ANY_SERVICE = '*'


class FleetTarget:
    """One provider module the fleet dispatches an inventory order to."""

    def __init__(self, module, spec, to_params, account, host_vars, one_per_account=False, pay_option='pay_invoice'):
        self.module = module          # FQCN, also the name module_defaults are looked up for
        self.pay_option = pay_option  # the module option that pays the renewal's own invoice or order (renew_orders_pay)
        self.spec = spec              # its ModuleSpec
        self.to_params = to_params    # order (service, id, region, period) -> the module's own options
        self.account = account        # validated params -> what identifies the account (never a secret)
        self.host_vars = host_vars    # module option -> the order field (renewal_<field>) it comes from, for messages
        self.provider = None          # the Provider that declares it (set by Provider)
        self.one_per_account = one_per_account  # the service is the account's (a support plan): renewal_id only names it


class ListedOrder:
    """One renewable thing as a provider account lists it (the inventory turns it into a host)."""

    def __init__(self, provider, service, order_id, expires_at, status, region=None, period=None, auto_renew=None,
                 description=None, price=None, in_flight=False, renewable=None, not_renewable_reason=None, details=None):
        self.provider = provider
        self.service = service
        self.order_id = str(order_id)
        self.expires_at = expires_at
        self.status = status
        self.region = region
        self.period = period
        self.auto_renew = auto_renew
        self.description = description
        self.price = price                # {'amount', 'currency'} where the provider tells the renewal's price
        self.in_flight = in_flight        # the row itself shows a renewal in flight (a run then reads the order alone)
        self.renewable = renewable        # whether the provider would take a renewal (None: the row does not tell)
        self.not_renewable_reason = not_renewable_reason
        self.details = details or {}      # what the provider's ForecastSupport.quote reads from the row (a product key)


class ListingPage:
    """One page of a run's listing: the orders on it, and how many pages there are (None: unknown, see ``more``)."""

    def __init__(self, orders, last_page=None, more=False, in_flight_ids=()):
        self.orders = orders          # [ListedOrder]; a row without an expiry stays in (expires_at None: not decided)
        self.last_page = last_page    # the page count, when the first page tells it (the rest are then read at once)
        self.more = more              # without a page count: whether a next page follows
        self.in_flight_ids = set(str(order_id) for order_id in in_flight_ids)  # a ForecastSupport scope: ids with an action in flight


class ListingScope:
    """One paged list a run reads an account's orders from (a LogicBoxes product path, the VPSBG servers)."""

    def __init__(self, name, connect, read_page):
        self.name = name              # for warnings, e.g. 'domains/search.json'
        self.connect = connect        # () -> a client with close(); one per page, so pages can be read at once
        self.read_page = read_page    # (client, page number from 1) -> ListingPage


class ForecastSupport:
    """What a forecast may take from an account's run listing beyond the expiry (``Provider.forecast``).

    Without it (or for a row it cannot price), an order expiring within the forecast's horizon is read alone.
    """

    def __init__(self, in_flight_scopes, quote):
        # [ListingScope] whose pages give ``in_flight_ids``: the account's orders with something in flight. They must
        # all be read for any row of the account to be used (the rows themselves do not show it).
        self.in_flight_scopes = in_flight_scopes
        # (ListedOrder, renewal period or None) -> Quote, or None when the provider tells no price for it (as the
        # order's own read would say); raises NotTold when only the order's own read can price it.
        self.quote = quote


class NotTold(Exception):
    """The listing cannot tell what the order's own read would (its price needs the order's details)."""


class Provider:
    """A provider package's declaration."""

    def __init__(self, name, title, targets, connection, list_orders, run_listing=None, forecast=None):
        self.name = name                  # the inventory's renewal_provider value
        self.title = title                # how users and the AWX credential type name it
        self.targets = targets            # {service or ANY_SERVICE: FleetTarget}
        self.connection = connection      # the modules' connection options (argument spec)
        self.list_orders = list_orders    # inventory section -> iterable of ListedOrder
        # (validated module params of one account, that account's inventory orders, expiring_after) -> [ListingScope]:
        # what a fleet run lists at its start; orders expiring before ``expiring_after`` may be left out (they are due
        # and read one by one anyway). None: the provider's orders are always read one by one.
        self.run_listing = run_listing
        # (validated module params of one account, TaskShare) -> ForecastSupport, or None: every order of the provider
        # expiring within a forecast's horizon is read alone (the listing still spares the orders beyond it)
        self.forecast = forecast
        for target in targets.values():
            target.provider = self

    @property
    def credential_type(self):
        """The name of the AWX credential type shipped for this provider (extensions/awx/credential_types)."""
        return '%s API (renewals.hosting)' % self.title

    def target(self, service):
        target = self.targets.get(service) or self.targets.get(ANY_SERVICE)
        if target is None:
            raise InputError('service', '%s has no service %r; known: %s'
                             % (self.name, service, ', '.join(sorted(self.targets))))
        return target

    def connection_params(self, section):
        """The non-secret connection settings of an inventory section, validated; credentials come from the environment."""
        settings = dict((key, section[key]) for key in ('api_url', 'validate_certs', 'ca_path', 'timeout') if key in section)
        validation = ArgumentSpecValidator(self.connection).validate(settings)
        if validation.error_messages:
            raise InputError('providers.%s' % self.name, '; '.join(validation.error_messages))
        params = validation.validated_parameters
        check_common(params)
        for name, spec in self.connection.items():
            if spec.get('no_log'):
                check_secret(name, params.get(name))
        return params


def by_api_url(params):
    """Account identity for providers with one account per API key: ids are unique per provider, the endpoint suffices."""
    return params['api_url']


def environment_variables(argument_spec, names):
    """The environment variables the options ``names`` fall back to, in order."""
    found = []
    for name in names:
        fallback = argument_spec.get(name, {}).get('fallback')
        if fallback:
            found.extend(fallback[1])
    return found


def configured_periods(section, provider, services):
    """The ``periods`` of an inventory section ({service or product: renewal period}), checked against ``services``."""
    periods = section.get('periods') or {}
    option = 'providers.%s.periods' % provider
    if not isinstance(periods, dict):
        raise InputError(option, 'must be a mapping of service (a product key at LogicBoxes) to a renewal period, got %r'
                         % (periods,))
    for service, period in periods.items():
        if service not in services:
            raise InputError(option, '%s has no %r; known: %s' % (provider, service, ', '.join(sorted(services))))
        if not isinstance(period, int) or isinstance(period, bool) or period < 1:
            raise InputError(option, '%s: must be a whole number of 1 or more, got %r' % (service, period))
    return periods


def renewal_period(periods, service, term=None, default=None):
    """A listed order's renewal_period: as configured for its service, else its current term where the provider tells
    it, else the provider's documented default for the product (None: the module's own choice)."""
    return periods.get(service) or term or default
