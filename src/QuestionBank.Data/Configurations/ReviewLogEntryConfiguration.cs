using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class ReviewLogEntryConfiguration : IEntityTypeConfiguration<ReviewLogEntry>
{
    public void Configure(EntityTypeBuilder<ReviewLogEntry> builder)
    {
        builder.ToTable("review_log");
        builder.Property(l => l.StateBefore).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(l => new { l.CardId, l.ReviewedAt });
    }
}
