// `.clone()` on a struct needs `#[derive(Clone)]`.
struct Name {
    text: String,
}

async fn main() {
    let n = Name { text: String::from("n") };
    let m = n.clone();
    println!("{} {}", n.text, m.text);
}
