// Two borrows of different fields of one struct do not conflict.
struct Pair {
    a: String,
    b: String,
}
fn longest_len(p: &Pair) -> usize {
    if p.a.len() > p.b.len() { p.a.len() } else { p.b.len() }
}
async fn main() {
    let mut p = Pair { a: String::from("x"), b: String::from("yy") };
    let ra = &mut p.a;
    let rb = &p.b;
    ra.push_str(rb);
    println!("{}", longest_len(&p));
}
