using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class QuestionPartConfiguration : IEntityTypeConfiguration<QuestionPartEntity>
{
    public void Configure(EntityTypeBuilder<QuestionPartEntity> builder)
    {
        builder.ToTable("question_parts");
        builder.HasIndex(p => new { p.QuestionId, p.Position }).IsUnique();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
