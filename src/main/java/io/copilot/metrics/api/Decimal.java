package io.copilot.metrics.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;

/**
 * An exact amount as a JSON string ("0.06"), so that a JavaScript client does not read it into
 * a double: a JSON number such as 0.1 + 0.2 cannot be summed exactly in a browser. Every money
 * field is one; every amount is in US dollars (the field names end in Usd).
 */
@CustomScalar("Decimal")
@Description("An exact decimal number written as a string, e.g. \"0.06\" or \"1234.5\". Money fields are in US "
        + "dollars. Parse it with a decimal library (e.g. decimal.js, big.js), not Number, to keep every digit.")
public final class Decimal implements CustomStringScalar {

    private final BigDecimal value;

    public Decimal(BigDecimal value) {
        this.value = value;
    }

    /** How SmallRye GraphQL reads the scalar from a query. */
    public Decimal(String text) {
        this(new BigDecimal(text));
    }

    /** {@code value} without its padding zeros (0.0600000000 becomes 0.06), or null for null. */
    public static Decimal of(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return new Decimal(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    public BigDecimal value() {
        return value;
    }

    @Override
    public String stringValueForSerialization() {
        return value.toPlainString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Decimal decimal && decimal.value.compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return stringValueForSerialization();
    }
}
