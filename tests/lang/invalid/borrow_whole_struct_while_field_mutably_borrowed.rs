// `&p` borrows the whole struct, including the field `ra` is changing.
struct Pair {
    a: String,
    b: String,
}

async fn main() {
    let mut p = Pair { a: String::from("x"), b: String::from("y") };
    let ra = &mut p.a;
    let whole = &p;
    ra.push_str("!");
    println!("{}", whole.b);
}
