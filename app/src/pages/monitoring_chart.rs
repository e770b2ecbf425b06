//! A stacked bar chart drawn on the server as SVG: one bar per month, one colour per group,
//! the groups hidden as "< 5" drawn together as one hatched cap whose height is not to scale
//! (so the picture tells no more than the table). No script, no chart library on the phone;
//! the chart is an image with a title and a text summary, and its table is next to it.

use crate::server::services::monitoring::{Figure, Table};
use leptos::prelude::*;

/// Dark enough for 3:1 against white (WCAG 2.2, 1.4.11) and told apart with the usual colour
/// blindnesses (after Okabe & Ito), in the order the groups come.
const COLOURS: [&str; 8] = [
    "#1b4f9c", "#b35900", "#1a7f5a", "#8f2d56", "#5b4a9e", "#7a6a00", "#0f6f7f", "#4a4a4a",
];

/// Drawn at 1:1 on a phone (the figure scrolls sideways rather than shrink its text).
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 6.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 30.0;
const HIDDEN_CAP: f64 = 6.0;

fn colour(i: usize) -> &'static str {
    COLOURS[i % COLOURS.len()]
}

/// The month's total as shown: its row total, or its only cell.
fn month_total(t: &Table, r: usize) -> Figure {
    t.row_totals.get(r).copied().unwrap_or(t.cells[r][0])
}

/// "mar" of "mar/2026": the bars' labels (the years are in the title and the table).
fn short_month(label: &str) -> &str {
    label.split('/').next().unwrap_or(label)
}

/// Up to 5 round steps (1, 2 or 5 × 10ⁿ) covering `max`.
fn ticks(max: u64) -> Vec<u64> {
    let max = max.max(1);
    let mut step = 1;
    'outer: loop {
        for m in [1, 2, 5] {
            if max.div_ceil(step * m) <= 5 {
                step *= m;
                break 'outer;
            }
        }
        step *= 10;
    }
    (0..=max.div_ceil(step)).map(|i| i * step).collect()
}

/// One sentence for people who do not see the chart: the span, the busiest month, the total.
pub fn summary(t: &Table, noun: &str) -> String {
    let (Some(first), Some(last)) = (t.rows.first(), t.rows.last()) else {
        return String::new();
    };
    let busiest = (0..t.rows.len())
        .filter_map(|r| month_total(t, r).value().map(|v| (v, r)))
        .max_by_key(|(v, r)| (*v, std::cmp::Reverse(*r)));
    let total = match t.total {
        Figure::Shown(n) => format!("{n} {noun} no período"),
        Figure::Hidden => format!("menos de 5 {noun} no período"),
    };
    match busiest {
        Some((v, r)) if v > 0 => format!(
            "De {} a {}: {total}. O mês com mais foi {}, com {v}.",
            first.1, last.1, t.rows[r].1
        ),
        _ => format!("De {} a {}: {total}.", first.1, last.1),
    }
}

#[component]
pub fn BarChart(table: Table, id: String) -> impl IntoView {
    let t = table;
    let months = t.rows.len().max(1);
    let groups = t.cols.len().max(1);
    let shown_sum = |r: usize| -> u64 { t.cells[r].iter().filter_map(|f| f.value()).sum() };
    let top = (0..t.rows.len()).map(shown_sum).max().unwrap_or(0);
    let marks = ticks(top);
    let scale_max = *marks.last().unwrap_or(&1) as f64;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - RIGHT;
    let slot = plot_w / months as f64;
    let bar = (slot * 0.7).min(48.0);
    let y = |v: f64| TOP + plot_h - v / scale_max * plot_h;
    let label_every = months.div_ceil(12);
    let grid = marks
        .iter()
        .map(|m| {
            let at = y(*m as f64);
            view! {
                <line x1=LEFT x2=WIDTH - RIGHT y1=at y2=at stroke="#c9c9c9" stroke-width="1"/>
                <text x=LEFT - 6.0 y=at + 5.0 text-anchor="end" font-size="14" fill="#333">{m.to_string()}</text>
            }
        })
        .collect_view();
    let bars = (0..t.rows.len())
        .map(|r| {
            let x = LEFT + slot * r as f64 + (slot - bar) / 2.0;
            let mut base = 0.0;
            let mut rects = Vec::new();
            for c in 0..groups {
                if let Figure::Shown(v) = t.cells[r][c]
                    && v > 0
                {
                    let top = y(base + v as f64);
                    let h = y(base) - top;
                    rects.push(view! {
                        <rect x=x y=top width=bar height=h fill=colour(c) stroke="#fff" stroke-width="1"/>
                    }.into_any());
                    base += v as f64;
                }
            }
            let any_hidden = t.cells[r].contains(&Figure::Hidden);
            let cap_top = y(base) - if any_hidden { HIDDEN_CAP } else { 0.0 };
            if any_hidden {
                rects.push(view! {
                    <rect x=x y=cap_top width=bar height=HIDDEN_CAP fill=format!("url(#{id}-oculto)") stroke="#4a4a4a" stroke-width="0.5"/>
                }.into_any());
            }
            let total = match month_total(&t, r) {
                Figure::Shown(n) => n.to_string(),
                Figure::Hidden => "< 5".to_string(),
            };
            let label = (r % label_every == 0).then(|| {
                view! {
                    <text x=x + bar / 2.0 y=HEIGHT - BOTTOM + 18.0 text-anchor="middle" font-size="14" fill="#333">{short_month(&t.rows[r].1).to_string()}</text>
                }
            });
            view! {
                <g>
                    {rects}
                    <text x=x + bar / 2.0 y=cap_top - 4.0 text-anchor="middle" font-size="12" fill="#222">{total}</text>
                    {label}
                </g>
            }
        })
        .collect_view();
    let legend = t
        .cols
        .iter()
        .enumerate()
        .map(|(c, (_, name))| {
            view! {
                <li>
                    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><rect width="16" height="16" fill=colour(c)/></svg>
                    " " {name.clone()}
                </li>
            }
        })
        .collect_view();
    let title_id = format!("{id}-titulo");
    let desc_id = format!("{id}-resumo");
    let labelled = format!("{title_id} {desc_id}");
    let pattern_id = format!("{id}-oculto");
    let desc = summary(&t, t.noun);
    let caption = t.caption.clone();
    view! {
        <figure class="chart">
            <div class="chart-scroll" tabindex="0" role="group" aria-label=format!("Gráfico: {caption}")>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled class="chart-svg">
                <title id=title_id>{caption.clone()}</title>
                <desc id=desc_id.clone()>{desc.clone()}</desc>
                <defs>
                    <pattern id=pattern_id width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="4" fill="#fff"/>
                        <line x1="0" y1="0" x2="0" y2="4" stroke="#4a4a4a" stroke-width="2"/>
                    </pattern>
                </defs>
                {grid}
                <line x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_h y2=TOP + plot_h stroke="#333" stroke-width="1"/>
                {bars}
            </svg>
            </div>
            <figcaption>
                <p><strong>{caption}</strong></p>
                <p>{desc}</p>
                <ul class="legend">
                    {legend}
                    <li>
                        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><rect width="16" height="16" fill="#fff" stroke="#4a4a4a"/><path d="M0 16 16 0M-4 4 4-4M12 20 20 12" stroke="#4a4a4a" stroke-width="2"/></svg>
                        " Grupos com menos de 5 (altura fora de escala)"
                    </li>
                </ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_top() {
        assert_eq!(ticks(0), vec![0, 1]);
        assert_eq!(ticks(7), vec![0, 2, 4, 6, 8]);
        assert_eq!(ticks(42), vec![0, 10, 20, 30, 40, 50]);
        assert_eq!(ticks(1234), vec![0, 500, 1000, 1500]);
    }
}
