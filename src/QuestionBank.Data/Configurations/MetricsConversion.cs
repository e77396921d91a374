using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QuestionBank.Data.Configurations;

internal static class MetricsConversion
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Stores a metric-name-to-value map as a jsonb object.</summary>
    public static PropertyBuilder<Dictionary<string, double>> HasMetricsConversion(this PropertyBuilder<Dictionary<string, double>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            metrics => JsonSerializer.Serialize(metrics, Json),
            json => JsonSerializer.Deserialize<Dictionary<string, double>>(json, Json) ?? new Dictionary<string, double>(),
            new ValueComparer<Dictionary<string, double>>(
                (left, right) => left!.Count == right!.Count && !left.Except(right).Any(),
                metrics => metrics.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                metrics => new Dictionary<string, double>(metrics)));
}
