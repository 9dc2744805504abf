// A `String` is not `Copy`, so a struct holding one cannot derive `Copy`.
#[derive(Clone, Copy)]
struct Name {
    text: String,
}

async fn main() {
    let n = Name { text: String::from("n") };
    println!("{}", n.text);
}
