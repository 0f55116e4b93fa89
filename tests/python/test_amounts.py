"""Amounts as written, rates and conversion with provenance."""

import datetime
import pickle
from decimal import Decimal

import pytest

import crossfoot


def test_amounts_as_people_write_them():
    a = crossfoot.parse_amount("39.7 billion yuan")
    assert (a.value, a.unit, a.scale_text, a.unit_text) == (Decimal("39.7E9"), "CNY", "billion", "yuan")
    assert a.value.as_tuple().exponent == 8  # the last written digit is worth 10^8
    assert a.precision_exponent == 8
    assert crossfoot.parse_amount("3.97万亿元").value == Decimal("3.97E12")
    assert crossfoot.parse_amount("42 projects").unit == "count"
    assumed = crossfoot.parse_amount("$5 bn", default_currency="usd")
    assert assumed.unit == "USD" and assumed.unit_assumed
    assert crossfoot.parse_amount("3.5兆円", zhao_power=12).value == Decimal("3.5E12")
    assert crossfoot.parse_amount("2 bn USD") == crossfoot.parse_amount("2000000000 USD")
    assert repr(crossfoot.parse_amount("6.305 billion yuan")) == "Amount('6.305E+9', 'CNY')"


def test_a_bad_amount_is_an_error_with_its_column_and_code():
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.parse_amount("1..2 bn USD")
    e = caught.value
    assert (e.file, e.line, e.column, e.code) == ("<amount>", 1, 3, "bad-amount")
    assert "expected a digit" in e.message
    assert str(e).startswith("<amount>:1:3: error: expected a digit")
    assert isinstance(e, ValueError)
    assert pickle.loads(pickle.dumps(e)).diagnostics == e.diagnostics


def test_a_bare_figure_needs_a_currency():
    with pytest.raises(crossfoot.Error, match="bad-amount"):
        crossfoot.parse_amount("5 billion")
    with pytest.raises(ValueError, match="ISO 4217"):
        crossfoot.parse_amount("5 billion", default_currency="XYZ")


def test_conversion_carries_the_rate_and_its_path():
    c = crossfoot.convert("1.16 billion USD", "CNY", datetime.date(2024, 9, 27))
    assert c["result"] == Decimal("8132891199.1436")
    assert c["rate"]["rate"] == Decimal("7.01111310271")
    assert [hop["to"] for hop in c["rate"]["path"]] == ["EUR", "CNY"]
    assert c["rate"]["path"][0]["quotes"][0]["rate"] == Decimal("1.1158")
    assert c["rate"]["policy"]["name"] == "on-or-before"
    rounded = crossfoot.convert((Decimal("100"), "USD"), "JPY", "2024-09-27", round=True)
    assert rounded["rounded"] == rounded["result"].quantize(Decimal(1))


def test_conversion_with_a_rates_file(tmp_path):
    rates_file = tmp_path / "rates.csv"
    rates_file.write_text("date,base,quote,rate,source\n2020-01-02,USD,CNY,6.9618,test\n")
    table = crossfoot.Rates([rates_file])
    assert len(table) > 1 and table.files == [str(rates_file)]
    c = crossfoot.convert((Decimal("2"), "USD"), "CNY", "2020-01-03", rates=table)
    assert c["result"] == Decimal("13.9236")
    assert crossfoot.convert((Decimal("2"), "USD"), "CNY", "2020-01-03", rates=str(rates_file))["result"] == Decimal("13.9236")
    again = pickle.loads(pickle.dumps(table))
    assert len(again) == len(table)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):  # 0 and 1 too
        again = pickle.loads(pickle.dumps(table, protocol=protocol))
        assert again.files == table.files and len(again) == len(table)


def test_an_amount_is_not_pickled_at_any_protocol():
    amount = crossfoot.parse_amount("39.7 billion yuan")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot pickle"):
            pickle.dumps(amount, protocol=protocol)


def test_a_missing_rate_is_never_guessed():
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.convert("1 USD", "CNY", "1990-01-01")
    assert caught.value.code == "no-rate"
    with pytest.raises(crossfoot.Error):
        crossfoot.convert("1 USD", "CNY", "2024-09-29", policy="exact")


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="policy"):
        crossfoot.convert("1 USD", "CNY", "2024-09-27", policy="nearest")
    with pytest.raises(ValueError, match="date"):
        crossfoot.convert("1 USD", "CNY", "2024-02-30")
    with pytest.raises(TypeError, match="datetime"):
        crossfoot.convert("1 USD", "CNY", datetime.datetime(2024, 9, 27))
    with pytest.raises(TypeError):
        crossfoot.convert(1.5, "CNY", "2024-09-27")
    with pytest.raises(TypeError, match="float"):
        crossfoot.convert((1.5, "USD"), "CNY", "2024-09-27")
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.Rates(["/nonexistent/rates.csv"])
    assert caught.value.code == "no-file"
    with pytest.raises(crossfoot.Error) as bad:
        crossfoot.convert("1 USD", "CNY", "2024-09-27", rates=crossfoot.Rates([__file__]))
    assert bad.value.code == "bad-rate-file"
