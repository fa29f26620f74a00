"""LogicBoxes product catalogue: fixture product keys mapped to API paths (reference section 4.1).

`productkey`, `productcategory`, `entitytypeid` and the `Renew...` action type names are sandbox
inventions shaped like the documented examples (`eeliteus`, `domorder`, `RenewDomain`); only
`RenewDomain` and `eeliteus` are confirmed values.
"""

from dataclasses import dataclass

YEARS = "years"
MONTHS = "months"

# Price-catalogue layouts of products/*-price.json (reference section 7.5). Backup, SiteLock, CodeGuard
# and SSL have no known layout: the catalogue leaves them out (their renewals are still debited).
DOMAIN_LAYOUT, HOSTING_LAYOUT, SERVER_LAYOUT, EMAIL_LAYOUT, UNPUBLISHED = "domain", "hosting", "server", "email", None
LAYOUTS_BY_CATEGORY = {"domorder": DOMAIN_LAYOUT, "hosting": HOSTING_LAYOUT, "server": SERVER_LAYOUT, "email": EMAIL_LAYOUT}


@dataclass(frozen=True)
class Product:  # pylint: disable=too-many-instance-attributes
    """One renewable LogicBoxes product line."""

    key: str  # fixture / module `product` value
    path: str  # API path below /api, "{region}" where the product is regional
    regions: tuple  # empty for products without a region
    label: str  # human name used in action descriptions
    action_type: str  # actiontype of a renewal
    productkey: str  # may contain "{region}"
    category: str
    entitytypeid: str
    period: str = MONTHS  # name of the renewal period parameter
    period_required: bool = True  # SiteLock's renew page lists no period at all
    renew_id_param: str = "order-id"
    details_id_params: tuple = ("order-id",)
    auto_renew_allowed: bool = True  # certificates cannot auto-renew
    auto_renew_listed: bool = True  # the renew page lists `auto-renew` (not SSL, not cloud hosting)
    email: bool = False  # details carry a numeric `emailaccounts`
    int_params: tuple = ()  # (name, minimum) of optional integer extras
    bool_params: tuple = ()  # optional boolean extras

    def api_path(self, region):
        """The path prefix for one region, e.g. "dedicatedserver/linux/us"."""
        return self.path.format(region=region) if self.regions else self.path

    def product_key(self, region):
        """The `productkey` a details call reports."""
        return self.productkey.format(region=region or "")

    @property
    def is_domain(self):
        """Domains carry the exp-date guard and are priced per year."""
        return self.key == "domain"

    @property
    def layout(self):
        """Where the price catalogue lists the product (None: not listed)."""
        return LAYOUTS_BY_CATEGORY.get(self.category, UNPUBLISHED)

    @property
    def has_plan(self):
        """Servers, VPS and hosting orders name their plan (`planid` in details)."""
        return self.layout in (HOSTING_LAYOUT, SERVER_LAYOUT)


def _hosting(key, path, regions, label, entitytypeid):
    """Shared shape of the single/multi-domain hosting products (`enable-ssl` extra)."""
    action = "Renew" + label.replace(" ", "")
    return Product(key, path, regions, label, action, key.replace("_", "") + "{region}", "hosting", entitytypeid,
                   bool_params=("enable-ssl",))


_EMAIL_EXTRAS = (("no-of-accounts", 0), ("no-of-storage5-blocks", 0))

PRODUCTS = {product.key: product for product in (
    Product("domain", "domains", (), "domain", "RenewDomain", "dom", "domorder", "3", period=YEARS,
            bool_params=("purchase-privacy", "purchase-premium-dns")),
    Product("dedicated_server_linux", "dedicatedserver/linux/{region}", ("us", "in"), "Dedicated Server", "RenewDedicatedServer",
            "dedicatedserverlinux{region}", "server", "431"),
    Product("managed_server_linux", "managedserver/linux/{region}", ("us",), "Managed Server", "RenewManagedServer",
            "managedserverlinux{region}", "server", "449"),
    Product("vps_linux", "virtualserver/linux/{region}", ("us", "in"), "VPS", "RenewVirtualServer",
            "vpslinux{region}", "server", "427"),  # the catalogue's VPS key (reference section 7.5)
    Product("cloud_hosting", "cloudsites/linux/{region}", ("us", "in"), "Cloud Hosting", "RenewCloudSites",
            "cloudsiteslinux{region}", "hosting", "476", auto_renew_listed=False),
    _hosting("single_domain_hosting_linux", "singledomainhosting/linux/{region}", ("us", "in"), "Single Domain Hosting", "403"),
    _hosting("single_domain_hosting_windows", "singledomainhosting/windows/{region}", ("us", "in"), "Single Domain Hosting", "404"),
    _hosting("multi_domain_hosting_linux", "multidomainhosting/linux/{region}", ("us", "uk"), "Multi Domain Hosting", "405"),
    _hosting("multi_domain_hosting_windows", "multidomainhosting/windows/{region}", ("us", "in"), "Multi Domain Hosting", "406"),
    Product("reseller_hosting_linux", "resellerhosting/linux/{region}", ("us", "in"), "Reseller Hosting", "RenewResellerHosting",
            "resellerhostinglinux{region}", "hosting", "411", int_params=(("cpanel-blocks", 1),)),
    Product("reseller_hosting_windows", "resellerhosting/windows/{region}", ("us", "in"), "Reseller Hosting", "RenewResellerHosting",
            "resellerhostingwindows{region}", "hosting", "412"),
    Product("backup", "backup/{region}", ("us", "asia"), "Backup", "RenewBackup", "backup{region}", "addon", "502",
            renew_id_param="backup-order-id", details_id_params=("backup-order-id", "order-id")),
    Product("business_email", "eelite/{region}", ("us",), "Business Email", "RenewBusinessEmail", "eelite{region}", "email", "283",
            email=True, int_params=_EMAIL_EXTRAS),
    Product("enterprise_email", "enterpriseemail/{region}", ("us",), "Enterprise Email", "RenewEnterpriseEmail",
            "enterpriseemail{region}", "email", "284", email=True, int_params=_EMAIL_EXTRAS),
    Product("sitelock", "sitelock", (), "SiteLock", "RenewSiteLock", "sitelock", "addon", "460", period_required=False),
    Product("codeguard", "codeguard", (), "CodeGuard", "RenewCodeGuard", "codeguard", "addon", "486"),
    Product("ssl", "sslcert", (), "SSL Certificate", "RenewSslCert", "sslcert", "sslcert", "441", auto_renew_allowed=False,
            auto_renew_listed=False),
)}

# Second-level-domain product keys LogicBoxes uses for the common TLDs; others fall back to "dom<tld>".
DOMAIN_PRODUCT_KEYS = {"com": "domcno", "net": "dotnet", "org": "domorg", "info": "dominfo", "biz": "dombiz"}


def domain_product_key(domain_name):
    """`productkey` of a domain order, from its TLD."""
    tld = domain_name.rsplit(".", 1)[-1].lower()
    return DOMAIN_PRODUCT_KEYS.get(tld, f"dom{tld}")


def build_routes():
    """Map every product endpoint path (below /api/) to (operation, product, region)."""
    routes = {}
    for product in PRODUCTS.values():
        for region in product.regions or (None,):
            base = product.api_path(region)
            routes[f"{base}/details.json"] = ("details", product, region)
            routes[f"{base}/renew.json"] = ("renew", product, region)
            routes[f"{base}/search.json"] = ("search", product, region)
    domain = PRODUCTS["domain"]
    routes["domains/details-by-name.json"] = ("details", domain, None)
    routes["domains/orderid.json"] = ("orderid", domain, None)
    routes["actions/search-current.json"] = ("search_current", None, None)
    routes["billing/customer-pay.json"] = ("pay", None, None)
    routes["billing/execute-order-without-payment.json"] = ("execute", None, None)
    routes["billing/customer-transactions/search.json"] = ("transactions", None, None)
    routes["products/reseller-cost-price.json"] = ("reseller_cost_price", None, None)
    routes["products/customer-price.json"] = ("customer_price", None, None)
    routes["billing/reseller-balance.json"] = ("reseller_balance", None, None)
    routes["billing/customer-balance.json"] = ("customer_balance", None, None)
    return routes


ROUTES = build_routes()
OPERATIONS = frozenset(operation for operation, _product, _region in ROUTES.values())
MUTATIONS = frozenset(("renew", "pay", "execute"))
LISTINGS = frozenset(("search", "search_current", "transactions"))  # paged with no-of-records / page-no
