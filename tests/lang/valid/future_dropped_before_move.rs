// The borrowing future is awaited (and gone) before `s` is moved.
async fn main() {
    let s = String::from("held");
    let f = async {
        println!("{}", s);
    };
    f.await;
    drop(s);
    println!("dropped");
}
