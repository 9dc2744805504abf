// The async block borrows `s` until it is awaited; dropping `s` before that moves it while borrowed.
async fn main() {
    let s = String::from("held");
    let f = async {
        println!("{}", s);
    };
    drop(s);
    f.await;
}
