using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class ReviewCardConfiguration : IEntityTypeConfiguration<ReviewCard>
{
    public void Configure(EntityTypeBuilder<ReviewCard> builder)
    {
        builder.ToTable("review_cards");
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.GoesWithAccountAndQuestion();
        builder.HasIndex(c => new { c.AccountId, c.QuestionId }).IsUnique();
        // The due queue: a learner's cards by due time.
        builder.HasIndex(c => new { c.AccountId, c.Due });
        builder.HasMany(c => c.Log).WithOne().HasForeignKey(l => l.CardId).OnDelete(DeleteBehavior.Cascade);
    }
}
