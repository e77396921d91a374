using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class RunEventConfiguration : IEntityTypeConfiguration<RunEvent>
{
    public void Configure(EntityTypeBuilder<RunEvent> builder)
    {
        builder.ToTable("run_events");
        builder.Property(e => e.Kind).HasMaxLength(16);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.Metrics).HasMetricsConversion();
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(e => new { e.RunId, e.Id });
    }
}
