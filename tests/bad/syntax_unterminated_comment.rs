async fn main() {
    println!("hello");
}
/* this comment never ends
async fn other() {}
