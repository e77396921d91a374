using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class GlossarySourceConfiguration : IEntityTypeConfiguration<GlossarySource>
{
    public void Configure(EntityTypeBuilder<GlossarySource> builder)
    {
        builder.ToTable("glossaries");
        builder.Property(g => g.ContentHash).HasMaxLength(ColumnLengths.Sha256Hex);
    }
}
