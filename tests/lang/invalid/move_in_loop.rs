// The first iteration moves `s`; the second would use a moved value.
fn consume(s: String) {
    println!("{}", s);
}

async fn main() {
    let s = String::from("once");
    for _i in 0..3 {
        consume(s);
    }
}
