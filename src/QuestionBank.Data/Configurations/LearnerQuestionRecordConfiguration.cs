using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal static class LearnerQuestionRecordConfiguration
{
    /// <summary>A learner's records go with the account; a question's with the question.</summary>
    public static void GoesWithAccountAndQuestion<TRecord>(this EntityTypeBuilder<TRecord> builder)
        where TRecord : LearnerQuestionRecord
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Question).WithMany().HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}
