// Shared slices of an array and a vector: `&v[a..b]`, `&v[..n]`, `&v[a..]`, passed where a
// `&[T]` is wanted (an array reference coerces too).
fn total(xs: &[u64]) -> u64 {
    let mut sum = 0;
    for x in xs {
        sum += *x;
    }
    sum
}

async fn main() {
    let a = [1u64, 2, 3, 4, 5];
    let v = vec![10u64, 20, 30];
    let head = &a[..2];
    println!("{} {}", head.len(), total(head));
    println!("{}", total(&a[3..]));
    println!("{}", total(&v[1..3]));
    println!("{}", total(&a));
}
