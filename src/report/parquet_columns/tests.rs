//! The column buffers' behaviour: labels, their fallback to text, and
//! buffers reclaimed for the next row group.

use super::labels::MOST_LABELS;
use super::*;

#[test]
fn a_label_column_of_many_values_becomes_text_with_every_cell() {
    let mut collect = Collect::new([Kind::Label].into_iter(), 8);
    let values: Vec<String> = (0..MOST_LABELS + 5).map(|i| format!("v{i}")).collect();
    for value in &values {
        collect.text(value);
    }
    let Column::Text(text) = collect.columns.pop().unwrap() else {
        panic!("the column stayed a dictionary past its cap");
    };
    let array = text.into_array();
    assert_eq!(array.len(), values.len());
    assert_eq!(
        array.value(MOST_LABELS + 4),
        format!("v{}", MOST_LABELS + 4).as_bytes()
    );
    assert_eq!(array.value(3), b"v3");
}

#[test]
fn reclaimed_columns_are_empty_in_the_buffers_of_the_arrays() {
    let kinds = [Kind::Text, Kind::Label, Kind::Float];
    let mut collect = Collect::new(kinds.into_iter(), 4);
    for i in 0..1_000 {
        collect.text(&format!("session {i}"));
        collect.text("north");
        collect.float(Some(i as f64));
    }
    let arrays = collect.into_arrays().into_iter().map(|(a, _)| a);
    let reclaimed = Collect::reclaim(kinds.into_iter(), arrays.collect(), 4);
    let [Column::Text(text), Column::Label(labels), Column::Float(values, valid)] =
        &reclaimed.columns[..]
    else {
        panic!("a reclaimed column changed its kind");
    };
    assert_eq!((text.offsets.as_slice(), text.bytes.len()), (&[0][..], 0));
    assert!(text.bytes.capacity() >= 10_000, "the text bytes were kept");
    assert!(labels.keys.is_empty() && labels.index.is_empty());
    assert!(labels.keys.capacity() >= 1_000, "the keys were kept");
    assert!(values.is_empty() && values.capacity() >= 1_000 && valid.is_empty());
}

#[test]
fn an_array_someone_else_holds_is_left_to_them() {
    let mut collect = Collect::new([Kind::Float].into_iter(), 4);
    collect.float(Some(1.0));
    let (array, _) = collect.into_arrays().pop().unwrap();
    let kept = array.clone();
    let reclaimed = Collect::reclaim([Kind::Float].into_iter(), vec![array], 4);
    assert!(matches!(&reclaimed.columns[0], Column::Float(v, _) if v.is_empty()));
    assert_eq!(kept.len(), 1, "the other holder's array is unchanged");
}
