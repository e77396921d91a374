using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class LearnerSettingsConfiguration : IEntityTypeConfiguration<LearnerSettings>
{
    public void Configure(EntityTypeBuilder<LearnerSettings> builder)
    {
        builder.ToTable("learner_settings");
        builder.HasKey(s => s.AccountId);
        builder.HasOne<Account>().WithOne().HasForeignKey<LearnerSettings>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        // Slugs rather than document ids: a document that is removed and imported again keeps its place in the choice.
        builder.Property(s => s.NewCardDocuments).HasColumnType("text[]");
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Language).HasMaxLength(16);
    }
}
