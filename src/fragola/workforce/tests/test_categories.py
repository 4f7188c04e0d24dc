from fragola.workforce.models import DisadvantageCategory
from fragola_law.categories import CERTIFIED


def test_it_offers_every_category_a_certificate_may_name_with_the_rules_codes():
    assert DisadvantageCategory.values == [code.value for code in CERTIFIED]
