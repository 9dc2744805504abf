// An async fn taking a String: the caller hands it over.
async fn shout(s: String) -> String {
    yield_now().await;
    s.to_uppercase()
}

async fn main() {
    let s = String::from("hey");
    let t = shout(s).await;
    println!("{}", t);
}
