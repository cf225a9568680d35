package io.copilot.metrics.usage;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("MetadataEntry")
@Description("A tag on recorded usage (feature, team, environment, ...), kept in the record's metadata.")
public record MetadataEntry(@NonNull String key, @NonNull String value) {
}
