from fragola.compliance.rules.categories import CERTIFIED
from fragola.workforce.models import DisadvantageCategory


def test_it_offers_every_category_a_certificate_may_name_with_the_rules_codes():
    assert DisadvantageCategory.values == [code.value for code in CERTIFIED]
