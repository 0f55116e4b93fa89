"""Decimals in and out, exactly, at the edges; and every refusal."""

from decimal import Decimal, localcontext

import pytest

import crossfoot


@pytest.mark.parametrize("text", [
    "0", "0.00", "1E+6000", "1E-6000", "-7.25E-6000", "9" * 38, "9" * 39, "-" + "9" * 39,
    "1" + "0" * 37 + "1", "170141183460469231731687303715884105727",  # 2^127 - 1
    "170141183460469231731687303715884105728", "0.000000000000000000000000000000000000001",
    "1.20E+3", "123456789012345678901234567890.123456789",
])
def test_a_decimal_comes_back_with_every_digit_and_its_exponent(text):
    value = Decimal(text)
    back = crossfoot.sum([value])
    assert back == value
    assert back.as_tuple() == value.as_tuple() or value.is_zero()
    # Through a conversion at 1 and its JSON, whose figures are in plain notation: the same value.
    assert crossfoot.convert((value, "USD"), "USD", "2024-09-27")["result"] == value


def test_sums_are_exact_whatever_the_context():
    values = [Decimal("1" + "0" * 40), Decimal("0.000001"), Decimal("-1" + "0" * 40)]
    with localcontext() as context:
        context.prec = 5
        assert crossfoot.sum(values) == Decimal("0.000001")
        assert sum(values) != Decimal("0.000001")  # Python's own sum rounds to 5 digits
    assert crossfoot.sum([Decimal("9" * 39), 1]) == Decimal("1" + "0" * 39)
    assert crossfoot.sum([]) == 0


def test_negative_zero_becomes_zero():
    result = crossfoot.sum([Decimal("-0")])
    assert result == 0 and not result.is_signed()
    assert not crossfoot.sum([Decimal("-0.00")]).is_signed()


@pytest.mark.parametrize("bad", ["NaN", "sNaN", "-NaN", "Infinity", "-Infinity"])
def test_nan_and_infinities_are_refused(bad):
    with pytest.raises(ValueError, match="finite"):
        crossfoot.sum([Decimal(bad)])


@pytest.mark.parametrize("bad", ["1E+2147483648", "1E-2147483649", "1E+99999999999"])
def test_exponents_beyond_32_bits_are_refused(bad):
    with pytest.raises(ValueError, match="exponent"):
        crossfoot.sum([Decimal(bad)])


@pytest.mark.parametrize("bad", [0.1, 1.0, True, "1.5", None, [1]])
def test_floats_and_other_types_are_a_type_error(bad):
    with pytest.raises(TypeError):
        crossfoot.sum([bad])


def test_a_float_error_says_why():
    with pytest.raises(TypeError, match="binary fraction"):
        crossfoot.sum([0.1])


def test_ints_of_any_size_are_exact():
    big = 10**80 + 1
    assert crossfoot.sum([big, -1]) == Decimal(10**80)


def test_ints_beyond_the_text_limit_and_int_subclasses_are_exact():
    class Shown(int):
        def __str__(self):
            return "not a number"

    assert crossfoot.sum([Shown(5), 10**5000]) == Decimal(10**5000 + 5)
