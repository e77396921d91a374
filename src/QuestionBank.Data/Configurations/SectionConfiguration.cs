using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.ToTable("sections");
        builder.HasIndex(s => new { s.DocumentId, s.Position }).IsUnique();
        builder.HasMany(s => s.Questions).WithOne(q => q.Section).HasForeignKey(q => q.SectionId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
