"""The quarterly pipeline the notebook calls: prepare (load) -> analyse -> write.

The same loaders, store and measure functions as the post-mortem, over all mentions of
two periods (the quarter and the one before it), so an incident's figures here are the
figures its own post-mortem gives on the same data.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from toolkit import privacy, progress
from toolkit.loaders import LoadStats, load_inputs
from toolkit.measures import drivers as tdrivers
from toolkit.measures import response, sentiment, timeline
from toolkit.measures import voices as tvoices
from toolkit.model import MENTION_SCHEMA
from toolkit.postmortem import business_hours, close_run, norwegian_lexicon, write_frames
from toolkit.quarterly import incidents as inc
from toolkit.quarterly import measures as qm
from toolkit.quarterly.params import Period, QuarterlyParams, load_quarterly_params
from toolkit.store import finalize_mentions, frame, lazy, open_store, put, release_memory

DB_NAME = "quarter.duckdb"


@dataclass
class QuarterContext:
    params: QuarterlyParams
    params_path: Path
    output_dir: Path
    con: duckdb.DuckDBPyConnection
    load_stats: list[LoadStats] = field(default_factory=list)
    pseudonymised: dict[str, int] | None = None  # counts, when privacy is pseudonymise
    timings: dict[str, float] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)  # peak memory (MB) after each stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        with progress.stage(self.output_dir, name, self.timings, self.peaks):
            yield


@dataclass
class PeriodResult:
    """One period (the quarter, or the previous one) and everything measured on it."""

    key: str  # "current" / "previous"
    period: Period
    lo: datetime  # naive UTC, inclusive
    hi: datetime  # naive UTC, exclusive
    mentions: pl.DataFrame
    episodes: pl.DataFrame
    frt: pl.DataFrame
    rates: pl.DataFrame
    reply_times: pl.DataFrame
    volume: pl.DataFrame
    net_daily: pl.DataFrame
    baseline: timeline.Timeline | None
    incidents: list[inc.QuarterIncident]
    share: dict
    voices: tvoices.Voices | None = None
    sov: dict | None = None  # share of voice (measures.share_of_voice)


@dataclass
class QuarterResults:
    sentiment_info: sentiment.SentimentInfo
    current: PeriodResult
    previous: PeriodResult | None
    weekly: pl.DataFrame
    data_start: datetime | None
    data_end: datetime | None
    drivers: tdrivers.Drivers | None = None
    competitors: list[str] = field(default_factory=list)
    sov_weekly: pl.DataFrame | None = None

    @property
    def periods(self) -> list[PeriodResult]:
        return [p for p in (self.current, self.previous) if p is not None]

    @property
    def incidents(self) -> list[inc.QuarterIncident]:
        return [i for p in self.periods for i in p.incidents]


def prepare(params_path: str | Path, output_dir: str | Path) -> QuarterContext:
    """Validate the parameters and load every input into a fresh DuckDB in output_dir."""
    params_path = Path(params_path).resolve()
    started = time.perf_counter()
    params = load_quarterly_params(params_path)
    out = Path(output_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    db = out / DB_NAME
    db.unlink(missing_ok=True)
    con = open_store(db, params.engine)
    ctx = QuarterContext(params, params_path, out, con)
    ctx.timings["validate"] = round(time.perf_counter() - started, 4)
    with ctx.stage("load"):
        ctx.load_stats = load_inputs(con, params.loading_params(), base=params_path.parent)
        finalize_mentions(con, params.brand.accounts)
        release_memory(con, params.engine)
    if params.privacy.mode == "pseudonymise":
        with ctx.stage("pseudonymise"):
            ctx.pseudonymised = privacy.pseudonymise(
                con, params.brand.accounts, params.privacy.key()
            )
    with ctx.stage("load_competitors"):
        load_competitors(ctx)
    return ctx


COMPETITOR_SCHEMA = {"competitor": pl.String(), **MENTION_SCHEMA}


def load_competitors(ctx: QuarterContext) -> None:
    """Each competitor's exports, by the same loaders, into ``competitor_mentions`` (with a
    ``competitor`` column) — never into ``mentions``, so the brand's measures cannot change.

    Each competitor is loaded into a database of its own (its files de-duplicated among
    themselves, its own accounts marking its own posts), pseudonymised there with the run's
    key when ``privacy: pseudonymise``, then copied over; its rejected records go to the
    run's ``rejected`` table and its files to the inputs table (note ``competitor: NAME``).
    """
    p = ctx.params
    frames = []
    keep = {**p.brand.accounts}
    for c in p.competitors:
        for platform, handles in c.accounts.items():
            keep[platform] = [*keep.get(platform, []), *handles]
    for c in p.competitors:
        con = open_store(":memory:", p.engine)
        try:
            stats = load_inputs(con, p.competitor_loading_params(c), base=ctx.params_path.parent)
            finalize_mentions(con, c.accounts)
            if p.privacy.mode == "pseudonymise":
                privacy.pseudonymise(con, keep, p.privacy.key())
            frames.append(
                frame(con, "mentions")
                .with_columns(competitor=pl.lit(c.name))
                .select(list(COMPETITOR_SCHEMA))
            )
            rejected = frame(con, "rejected")
        finally:
            con.close()
        if rejected.height:
            ctx.con.register("_competitor_rejected", rejected)
            try:
                ctx.con.execute("INSERT INTO rejected BY NAME SELECT * FROM _competitor_rejected")
            finally:
                ctx.con.unregister("_competitor_rejected")
        for st in stats:
            st.notes.append(f"competitor: {c.name}")
        ctx.load_stats.extend(stats)
    df = (
        pl.concat(frames, how="vertical_relaxed").cast(COMPETITOR_SCHEMA)  # type: ignore[arg-type]
        if frames
        else pl.DataFrame(schema=COMPETITOR_SCHEMA)
    )
    put(ctx.con, "competitor_mentions", df)


def _grouped(fn, frame_: pl.DataFrame, groupings: dict[str, list[str] | None]) -> pl.DataFrame:
    from toolkit.postmortem import _grouped as grouped  # the post-mortem's own stacking

    return grouped(fn, frame_, groupings)


def _period(
    ctx: QuarterContext,
    key: str,
    period: Period,
    mentions: pl.DataFrame,
    episodes: pl.DataFrame,
) -> PeriodResult:
    p = ctx.params
    tz = p.report.timezone
    lo, hi = qm.period_bounds(period.start, period.end, tz)
    m = mentions.filter(qm.in_period("created_at", lo, hi))
    eps = episodes.filter(qm.in_period("started_at", lo, hi))
    groupings = {"all": None, "platform": ["platform"]}
    with ctx.stage("response"):
        frt = _grouped(response.frt_summary, eps, groupings)
        rates = _grouped(
            lambda f, by: response.response_rates(f, windows_s=p.response_windows_s, by=by),
            eps,
            groupings,
        )
        rt = response.reply_times(m)
    tl_p = p.timeline
    with ctx.stage("timeline"):
        volume = timeline.negative_volume(m, every=tl_p.period)
        args = (tl_p.z_threshold, tl_p.min_count, tl_p.end_consecutive)
        baseline, detected = inc.detect_incidents(volume, *args) if volume.height else (None, [])
        if not tl_p.detect:
            detected = []
        found: list[inc.QuarterIncident] = []
        listed = [i for i in p.incidents if lo <= sentiment.to_utc_naive(i.onset) < hi]
        for li in listed:
            tl = inc.listed_timeline(volume, li.onset, li.end, *args)
            found.append(inc.QuarterIncident(li.name, key, "listed", tl))
            found[-1].post_mortem = inc.post_mortem_summary(li.post_mortem, ctx.output_dir)
        for tl in detected:
            if any(inc._overlaps(tl, f.onset, f.timeline.end) for f in found):
                continue
            name = f"Incident of {_day(tl.onset, tz)}"
            found.append(inc.QuarterIncident(name, key, "detected", tl))
        found = [f for f in found if f.timeline.onset is not None]
        found.sort(key=lambda f: f.onset)
    with ctx.stage("recovery"):
        net = sentiment.net_sentiment(m, every="1d", tz=tz)
        rp = p.recovery
        for i, f in enumerate(found):
            nxt = found[i + 1].onset if i + 1 < len(found) else None
            f.recovery = inc.incident_recovery(
                net,
                f.onset,
                nxt,
                rp.baseline_days,
                rp.smooth_days,
                rp.consecutive_days,
                rp.tolerance,
            )
            f.negative_posts, f.hours = inc.window_counts(volume, f.onset, f.timeline.end)
            f.notes = inc.agreement(f)
        share = qm.incident_share(volume, [(f.onset, f.timeline.end) for f in found])
    return PeriodResult(
        key, period, lo, hi, m, eps, frt, rates, rt, volume, net, baseline, found, share
    )


def _day(ts: datetime | None, tz: str) -> str:
    from toolkit.render import local_time

    return local_time(ts, tz, "%d %b %Y")


def analyse(ctx: QuarterContext) -> QuarterResults:
    """Every figure of the quarterly report, for the quarter and the previous period."""
    p = ctx.params
    with ctx.stage("sentiment"):
        lp = p.loading_params()
        mentions, info = sentiment.assign_sentiment(
            lazy(ctx.con, "mentions"), p.sentiment.scorer, norwegian_lexicon(lp)
        )
        put(
            ctx.con,
            "mention_sentiment",
            mentions.select(
                "platform", "mention_id", "sentiment", "sentiment_source", "sentiment_lang"
            ),
        )
    if mentions.is_empty():
        raise ValueError("no mention could be loaded: see rejected.csv for the reasons")
    with ctx.stage("response"):
        # Over all the data, so a conversation crossing the quarter's edge keeps its clock;
        # each episode belongs to the period in which it started.
        eps = response.episodes(
            mentions,
            silence=timedelta(hours=p.measures.episode_silence_hours),
            business_hours=business_hours(lp),
        )
    current = _period(ctx, "current", p.quarter, mentions, eps)
    prev_period = p.previous_period
    previous = _period(ctx, "previous", prev_period, mentions, eps) if prev_period else None
    with ctx.stage("drivers"):
        drv = quarter_drivers(ctx, mentions, current, previous)
    with ctx.stage("voices"):
        for pr in (current, previous):
            if pr is not None:
                v = tvoices.author_voices(
                    mentions,
                    pr.lo,
                    pr.hi,
                    None,
                    media_accounts=p.voices.media_accounts,
                    bot_accounts=p.voices.bot_accounts,
                )
                pr.voices = replace(v, window="quarter")
    with ctx.stage("share_of_voice"):
        comp = sentiment_of_competitors(ctx, info.scorer)
        names = [c.name for c in p.competitors]
        sov_voices = pl.concat(
            [qm.company_voices(mentions, p.brand.name, True)]
            + [qm.company_voices(comp.filter(pl.col("competitor") == n), n, False) for n in names],
            how="vertical",
        )
        for pr in (current, previous):
            if pr is not None:
                pr.sov = qm.share_of_voice(sov_voices, pr.lo, pr.hi)
        lo_all = previous.lo if previous else current.lo
        sov_weekly = qm.weekly_share_of_voice(
            sov_voices.filter(qm.in_period("created_at", lo_all, current.hi)),
            p.report.timezone,
        )
    with ctx.stage("weekly"):
        lo = previous.lo if previous else current.lo
        in_both = mentions.filter(qm.in_period("created_at", lo, current.hi))
        weekly = qm.weekly_trends(
            in_both,
            eps.filter(qm.in_period("started_at", lo, current.hi)),
            p.report.timezone,
            p.targets.response_minutes * 60,
        )
    return QuarterResults(
        sentiment_info=info,
        current=current,
        previous=previous,
        weekly=weekly,
        data_start=mentions["created_at"].min(),
        data_end=mentions["created_at"].max(),
        drivers=drv,
        competitors=[c.name for c in p.competitors],
        sov_weekly=sov_weekly,
    )


def sentiment_of_competitors(ctx: QuarterContext, scorer_used: str) -> pl.DataFrame:
    """The competitors' mentions with the brand's sentiment assignment (same scorer
    setting, same lexicon), stored as ``competitor_sentiment``."""
    p = ctx.params
    comp = frame(ctx.con, "competitor_mentions")
    if comp.is_empty():
        return comp.with_columns(sentiment=pl.lit(None, pl.Float64))
    scored, _ = sentiment.assign_sentiment(
        comp.lazy(), p.sentiment.scorer, norwegian_lexicon(p.loading_params())
    )
    put(
        ctx.con,
        "competitor_sentiment",
        scored.select(
            "competitor",
            "platform",
            "mention_id",
            "sentiment",
            "sentiment_source",
            "sentiment_lang",
        ),
    )
    return scored


def quarter_drivers(
    ctx: QuarterContext,
    mentions: pl.DataFrame,
    current: PeriodResult,
    previous: PeriodResult | None,
) -> tdrivers.Drivers:
    """The post-mortem's topic drivers between periods: the quarter's negative posts
    against the previous quarter's, and each incident's against its quarter's quiet periods.
    """
    p = ctx.params
    dp = p.drivers
    prev = None
    prev_reason = None
    if previous is not None:
        prev = (previous.period.name, previous.lo, previous.hi)
        if previous.mentions.is_empty():
            prev_reason = (
                f"no mention of {previous.period.name} in the data: the inputs hold no export "
                "of the previous period"
            )
    incs = []
    for pr in (current, previous):
        if pr is None:
            continue
        for n, f in enumerate(pr.incidents, start=1):
            f.drivers_id = f"incident_{pr.key}_{n}"
            incs.append((f.drivers_id, f.name, pr.key, f.onset, f.timeline.end))
    plan = qm.driver_plan((p.quarter.name, current.lo, current.hi), prev, incs, prev_reason)
    lo = previous.lo if previous else current.lo
    return tdrivers.compare_corpora(
        mentions.filter(qm.in_period("created_at", lo, current.hi)),
        plan,
        brand=tdrivers.brand_terms(p.brand.name, p.brand.accounts),
        settings=tdrivers.DriverSettings(
            max_n=dp.max_n,
            min_count=dp.min_count,
            min_posts=dp.min_posts,
            z_min=dp.z_min,
            top=dp.top,
            prior_scale=dp.prior_scale,
            extra_stopwords=tuple(dp.extra_stopwords),
        ),
        every="1d",
    )


def incidents_frame(res: QuarterResults) -> pl.DataFrame:
    rows = []
    for f in res.incidents:
        tl, rec = f.timeline, f.recovery
        rows.append(
            {
                "quarter": f.quarter,
                "name": f.name,
                "source": f.source,
                "onset": tl.onset,
                "peak": tl.peak,
                "end": tl.end,
                "peak_negative": tl.peak_count,
                "excess_negative": tl.excess_negative,
                "negative_posts": f.negative_posts,
                "hours": f.hours,
                "depth": rec.depth if rec else None,
                "recovered": rec.recovered if rec else None,
                "recovery_from_onset_s": (
                    rec.recovery_from_onset.total_seconds()
                    if rec and rec.recovery_from_onset
                    else None
                ),
            }
        )
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()


def write_tables(ctx: QuarterContext, res: QuarterResults) -> list[str]:
    """The quarter's measure tables as Parquet files and as tables in quarter.duckdb."""
    frames: dict[str, pl.DataFrame] = {"weekly_trends": res.weekly}
    for pr in res.periods:
        frames[f"frt_summary_{pr.key}"] = pr.frt
        frames[f"response_rates_{pr.key}"] = pr.rates
        frames[f"negative_volume_{pr.key}"] = pr.volume
        frames[f"net_sentiment_daily_{pr.key}"] = pr.net_daily
        frames[f"episodes_{pr.key}"] = pr.episodes
    incs = incidents_frame(res)
    if incs.height:
        frames["incidents"] = incs
    if res.drivers is not None:
        frames["drivers"] = res.drivers.terms
        frames["driver_comparisons"] = res.drivers.comparisons_frame()
        frames["driver_examples"] = res.drivers.examples
        frames["driver_series"] = res.drivers.series
    for pr in res.periods:
        if pr.voices is not None:
            frames[f"voices_{pr.key}"] = pr.voices.authors
    if res.sov_weekly is not None:
        frames["share_of_voice_weekly"] = res.sov_weekly
    return write_frames(ctx, frames)


def finish(ctx: QuarterContext) -> None:
    close_run(ctx, DB_NAME)
