// A reference to a local cannot leave the function that owns the local.
fn longest(a: &String) -> &String {
    let s = String::from("local");
    if a.len() > 3 {
        return a;
    }
    &s
}

async fn main() {
    let a = String::from("ab");
    println!("{}", longest(&a));
}
