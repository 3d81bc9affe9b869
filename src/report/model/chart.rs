//! A chart as the PDF and HTML reports place it: the rendered chart's
//! group, name, title and SVG, borrowed.

/// A chart to place in a report: which group (None = overview), its name, title and SVG.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChartRef<'a> {
    /// Group the chart belongs to; `None` for the overview.
    pub(crate) group: Option<&'a str>,
    /// Chart name (`nearest_gap`, `weekly`...).
    pub(crate) name: &'a str,
    /// The title drawn at its top.
    pub(crate) title: &'a str,
    /// Which chart of a figure on several, and how many there are.
    pub(crate) part: Option<(usize, usize)>,
    /// The SVG text.
    pub(crate) svg: &'a str,
}
