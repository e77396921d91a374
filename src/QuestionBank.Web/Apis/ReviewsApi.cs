using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QuestionBank.Core.Learning;
using QuestionBank.Data.Reviews;
using QuestionBank.Web.Extensions;
using QuestionBank.Web.Reviews;

namespace QuestionBank.Web.Apis;

/// <summary>The signed-in learner's self-test: what is due, and rating a question. Anonymous callers get 401.</summary>
public static class ReviewsApi
{
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapLearnerGroup("/api/reviews", "Reviews").RequireAntiforgery();
        api.MapGet("/due", GetDue);
        api.MapPost("/", Review);
        api.MapGet("/{slug}", GetCard);
        return api;
    }

    public static async Task<Ok<DueQueue>> GetDue(
        [AsParameters] DueQuery query, ClaimsPrincipal user, ReviewStore store, TimeProvider clock, IOptions<ReviewOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetDueAsync(user.LearnerId(), clock.GetUtcNow(), query.Limit, options.Value.NewCardsPerDay, cancellationToken));

    public static async Task<Results<Ok<CardResponse>, ProblemHttpResult>> Review(
        ReviewRequest request, ClaimsPrincipal user, ReviewStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var card = await store.ReviewAsync(user.LearnerId(), request.Slug, (Rating)request.Rating, clock.GetUtcNow(), cancellationToken);
        return card is null
            ? QuestionsApi.QuestionNotFound(request.Slug)
            : TypedResults.Ok(new CardResponse(card.State, card.Due, card.Stability, card.Difficulty, null));
    }

    /// <summary>The learner's own card of a question and its ratings; 404 when this learner has not rated it (whoever else has).</summary>
    public static async Task<Results<Ok<CardResponse>, ProblemHttpResult>> GetCard(
        string slug, ClaimsPrincipal user, ReviewStore store, CancellationToken cancellationToken)
    {
        var card = await store.FindAsync(user.LearnerId(), slug, cancellationToken);
        return card is null
            ? TypedResults.Problem(title: "No card", detail: $"You have not rated '{slug}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new CardResponse(card.State, card.Due, card.Stability, card.Difficulty,
                card.Log.Select(l => new RatingResponse((int)l.Rating, l.ReviewedAt)).ToList()));
    }
}

/// <summary>The query of <c>GET /api/reviews/due</c>.</summary>
public sealed record DueQuery([property: Range(1, ReviewsApi.MaxLimit)] int Limit = 20);

/// <summary>A rating: 1 Again, 2 Hard, 3 Good, 4 Easy.</summary>
public sealed record ReviewRequest(
    [property: Required, StringLength(200)] string Slug,
    [property: Range(1, 4, ErrorMessage = "rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")] int Rating);

public sealed record CardResponse(CardState State, DateTimeOffset Due, double? Stability, double? Difficulty, IReadOnlyList<RatingResponse>? Ratings);

public sealed record RatingResponse(int Rating, DateTimeOffset ReviewedAt);
