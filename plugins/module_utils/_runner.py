# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: run a renewal or info module, in a module process or in the controller.

The same ``execute()`` serves the module's ``main()`` (AnsiballZ, one process per
task) and the action plugin of the same name (in the controller's worker, no extra
process: the fleet path). Both give the same result for the same input.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.renewals.hosting.plugins.module_utils._engine import Policy, describe, run_renewal
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._memory import NO_MEMORY, Memory
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import FAILED, Outcome, RenewalFailed
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor


class ModuleSpec:
    """What a module is: its options, its pre-flight checks, and how to reach its service."""

    def __init__(self, argument_spec, check, build_api, kind, memory_key=None):
        self.argument_spec = argument_spec
        # Built once, at import: constructing a validator deep-copies the spec, and the action plugins
        # (imported in the controller before it forks a worker per order) reuse this one.
        self.validator = ArgumentSpecValidator(argument_spec)
        self.check = check            # params -> None, raises InputError before any API call
        self.build_api = build_api    # params -> RenewalApi
        self.kind = kind              # 'renewal' or 'info'
        # params -> the state key of what the service keeps across runs; given, build_api(params, memory) is called
        self.memory_key = memory_key

    def build(self, params, store=None, check_mode=False):
        """The service's RenewalApi; a service with a memory key gets its Memory in ``store`` (none: NO_MEMORY)."""
        if self.memory_key is None:
            return self.build_api(params)
        memory = NO_MEMORY if store is None else Memory(store, self.memory_key(params), check_mode)
        return self.build_api(params, memory)

    def secrets(self, params):
        return [params.get(name) for name, spec in self.argument_spec.items() if spec.get('no_log')]


def renew(spec, params, check_mode, diff, memory_store=None, share=None, **policy_extras):
    """Validated params in; (Outcome, Redactor for the module's secrets) out. Never raises RenewalError.

    ``memory_store`` keeps what services learn across runs (the fleet's state, see _memory); ``share`` is the fleet
    run's share of what is read once (price catalogues, balances; default: once per task); ``policy_extras`` are the
    fleet's guards (declared_price, spend_guard, funds_guard, journal, plan_guard), see Policy.
    """
    redactor = Redactor(spec.secrets(params))
    api = None
    try:
        spec.check(params)
        api = spec.build(params, memory_store, check_mode)
        if share is not None:
            api.share = share
        policy = Policy(renew_before_days=params.get('renew_before_days', 30), force=params.get('force', False),
                        max_price=params.get('max_price'), max_retries=params.get('max_retries', 1), **policy_extras)
        if spec.kind == 'info':
            outcome = describe(api, policy)
        else:
            outcome = run_renewal(api, policy, check_mode=check_mode, diff=diff)
    except RenewalFailed as failure:
        outcome = failure.outcome
    except RenewalError as error:
        outcome = Outcome(kind=FAILED, msg=error.message, error=error)
    finally:
        if api is not None:
            api.close()
    return outcome, redactor


def execute(spec, params, check_mode, diff, **policy_extras):
    """Validated params in, module result out (with ``failed`` set on failure): the one place an Outcome becomes a result."""
    outcome, redactor = renew(spec, params, check_mode, diff, **policy_extras)
    return redactor.scrub_data(outcome.to_result(info=spec.kind == 'info' and not outcome.failed))


def run_module(spec):
    """``main()`` of every module file."""
    from ansible.module_utils.basic import AnsibleModule

    module = AnsibleModule(argument_spec=spec.argument_spec, supports_check_mode=True)
    result = execute(spec, module.params, module.check_mode, module._diff)
    if result.pop('failed', False):
        module.fail_json(**result)
    module.exit_json(**result)


def run_body(argument_spec, body):
    """``main()`` of the fleet modules: ``body(params, check_mode, diff)`` returns (result, extra no_log values)."""
    from ansible.module_utils.basic import AnsibleModule

    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    result, no_log = body(module.params, module.check_mode, module._diff)
    module.no_log_values.update(no_log)
    if result.pop('failed', False):
        module.fail_json(**result)
    module.exit_json(**result)
