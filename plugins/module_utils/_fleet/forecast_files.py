# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the forecast's files, forecast.json, forecast.md (a table), forecast.svg (spend per week
per currency, stacked; no script) and forecast.ics (one all-day event per expiry, RFC 5545)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import os

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.atomic import write_atomic

COLOURS = ('#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f')


def _cell(value):
    return ('' if value is None else str(value)).replace('|', '/').replace('\n', ' ')


def _price(price):
    return '' if price is None else '%.2f %s' % (price['amount'], price['currency'])


def forecast_markdown(data):
    lines = ['# Renewal forecast: the next %d days' % data['horizon_days'], '',
             'Generated %s; the fleet renews %d days before expiry.' % (data['generated_at'], data['renew_before_days']), '',
             '| Month | Currency | Renewals cost |', '|---|---|---|']
    lines += ['| %s | %s | %.2f |' % (month, currency, amount)
              for month, per in data['totals']['monthly'].items() for currency, amount in sorted(per.items())] or ['| - | - | 0.00 |']
    lines += ['', '| Expires | Host | Provider | Service | Id | Price | Renewed on | Note |', '|---|---|---|---|---|---|---|---|']
    for row in data['orders']:
        lines.append('| %s |' % ' | '.join(_cell(value) for value in (
            row['expires_at'], row['host'], row['provider'], row['service'], row['id'], _price(row['price']),
            row['renew_on'] or ('**not renewed**' if row['action'] == 'expires' else ''), row['reason'])))
    return '\n'.join(lines) + '\n'


def _xml(text):
    return str(text).replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


def forecast_svg(data, width=720, height=320):
    """Spend per ISO week, one stacked bar per week, one colour per currency (amounts as the providers bill them)."""
    weekly = data['totals']['weekly']
    currencies = sorted(set(currency for per in weekly.values() for currency in per))
    left, bottom, top = 60, 40, 40
    plot_h = height - bottom - top
    peak = max([sum(per.values()) for per in weekly.values()] or [0]) or 1.0
    bar_w = (width - left - 20) / float(max(len(weekly), 1))
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img">'
             % (width, height, width, height),
             '<title>Renewal spend per week, next %d days</title>' % data['horizon_days'],
             '<rect width="100%" height="100%" fill="#ffffff"/>',
             '<text x="%d" y="20" font-family="sans-serif" font-size="14">Renewal spend per week (stacked per currency)</text>'
             % left,
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (left, top + plot_h, width - 20, top + plot_h),
             '<text x="%d" y="%d" font-family="sans-serif" font-size="10" text-anchor="end">%.2f</text>' % (left - 4, top + 4, peak)]
    for index, (week, per) in enumerate(weekly.items()):
        x, y = left + index * bar_w, top + plot_h
        for currency in currencies:
            amount = per.get(currency, 0.0)
            bar_h = plot_h * amount / peak
            if bar_h <= 0:
                continue
            y -= bar_h
            parts.append('<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" data-week="%s" '
                         'data-currency="%s" data-amount="%.2f"><title>%s %s %.2f</title></rect>'
                         % (x + 2, y, max(bar_w - 4, 1), bar_h, COLOURS[currencies.index(currency) % len(COLOURS)],
                            _xml(week), _xml(currency), amount, _xml(week), _xml(currency), amount))
        parts.append('<text x="%.1f" y="%d" font-family="sans-serif" font-size="9" text-anchor="middle">%s</text>'
                     % (x + bar_w / 2, top + plot_h + 14, _xml(week[5:])))
    for index, currency in enumerate(currencies):
        legend = (width - 120, top + index * 16, COLOURS[index % len(COLOURS)], width - 105, top + 9 + index * 16, _xml(currency))
        parts.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" font-family="sans-serif" '
                     'font-size="11">%s</text>' % legend)
    parts.append('</svg>')
    return '\n'.join(parts) + '\n'


def _ics_text(text):
    """A TEXT value escaped per RFC 5545 3.3.11."""
    return str(text).replace('\\', '\\\\').replace(';', '\\;').replace(',', '\\,').replace('\r\n', '\\n').replace('\n', '\\n')


def _fold(line):
    """Lines longer than 75 octets folded per RFC 5545 3.1 (never inside a UTF-8 sequence)."""
    out, current = [], ''
    for char in line:
        if len((current + char).encode('utf-8')) > (75 if not out else 74):
            out.append(current)
            current = ''
        current += char
    out.append(current)
    return '\r\n '.join(out)


def forecast_ics(data):
    stamp = data['generated_at'].replace('-', '').replace(':', '')
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//renewals.hosting//renewal forecast//EN', 'CALSCALE:GREGORIAN',
             'X-WR-CALNAME:Hosting order expiries']
    for row in data['orders']:
        if row['expires_at'] is None:
            continue
        day = datetime.datetime.strptime(row['expires_at'][:10], '%Y-%m-%d').date()
        plan = ('renewed on %s' % row['renew_on'][:10]) if row['renew_on'] else ('NOT renewed: %s' % row['reason'])
        uid = '%s-%s-%s-%s@renewals.hosting' % (row['provider'], row['service'], row['id'], day.strftime('%Y%m%d'))
        lines += ['BEGIN:VEVENT',
                  'UID:%s' % _ics_text(uid),
                  'DTSTAMP:%s' % stamp,
                  'DTSTART;VALUE=DATE:%s' % day.strftime('%Y%m%d'),
                  'DTEND;VALUE=DATE:%s' % (day + datetime.timedelta(days=1)).strftime('%Y%m%d'),
                  'SUMMARY:%s' % _ics_text('Expires: %s %s %s (%s)' % (row['provider'], row['service'], row['id'], row['host'])),
                  'DESCRIPTION:%s' % _ics_text('Price %s; %s' % (_price(row['price']) or 'unknown', plan)),
                  'TRANSP:TRANSPARENT',
                  'END:VEVENT']
    lines.append('END:VCALENDAR')
    return ''.join(_fold(line) + '\r\n' for line in lines)


def write_forecast(report_dir, data):
    """The four files in ``report_dir``; {name: path}."""
    report_dir = os.path.abspath(os.path.expanduser(report_dir))
    files = (('forecast.json', json.dumps(data, indent=2, sort_keys=True) + '\n'), ('forecast.md', forecast_markdown(data)),
             ('forecast.svg', forecast_svg(data)), ('forecast.ics', forecast_ics(data)))
    paths = {}
    for name, text in files:
        paths[name] = write_atomic(os.path.join(report_dir, name), text)
    return paths
